package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.List;
import java.util.Locale;

/**
 * Development program: chooses the classifier's neighbour count and vote thresholds by leave-one-out over the
 * shipped examples (each example is classified with itself excluded), so that the held-out eval set plays no part
 * in tuning. Prints one line per setting. Arguments: none. Pass {@code misses} to print the misclassified lines
 * of the default setting.
 */
public final class ClassifierTuning {
    private ClassifierTuning() {
    }

    public static void main(String[] args) {
        TextEmbedder embedder = TextEmbedder.create();
        ExampleSet examples = ExampleSet.shipped();
        EmbeddingMoveClassifier base = EmbeddingMoveClassifier.create(embedder, examples);
        if (args.length > 0 && args[0].equals("misses")) {
            ClassifierEvaluation e = ClassifierEvaluation.run(
                    base.withTuning(EmbeddingMoveClassifier.Tuning.DEFAULT.excludingSelf()), examples);
            System.out.print(e.format());
            System.out.print(e.formatMisses());
            return;
        }
        for (int k : List.of(5, 7, 9)) {
            for (double vote : List.of(0.35, 0.45, 0.55)) {
                for (double pressure : List.of(0.6, 0.8)) {
                    for (double min : List.of(0.0, 0.3, 0.45)) {
                        for (boolean clauses : List.of(false)) {
                            var t = new EmbeddingMoveClassifier.Tuning(k, vote, pressure, 0.9, min, clauses, true);
                            ClassifierEvaluation e = ClassifierEvaluation.run(base.withTuning(t), examples);
                            double macro = java.util.Arrays.stream(MoveLabel.values())
                                    .mapToDouble(l -> e.scores(l.id()).f1()).average().orElse(0);
                            System.out.printf(Locale.ROOT,
                                    "k=%2d vote=%.2f pressure=%.2f min=%.2f clauses=%-5s | pressure %.3f dtr %.3f perm %.3f macro %.3f exact %.3f%n",
                                    k, vote, pressure, min, clauses, e.pressure().f1(), e.scores("dtr_ask").f1(),
                                    e.scores("permission_no").f1(), macro, e.exactMatch());
                        }
                    }
                }
            }
        }
    }
}
