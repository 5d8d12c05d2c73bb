package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Development program: chooses the classifier's settings by 10-fold cross-validation over the shipped examples
 * (each fold is classified by a classifier built from the other nine), so the held-out eval sets play no part in
 * tuning. Prints one line per setting. Pass {@code misses} to print the cross-validated misses of the default.
 */
public final class ClassifierTuning {
    private static final int FOLDS = 10;

    private ClassifierTuning() {
    }

    public static void main(String[] args) {
        TextEmbedder embedder = TextEmbedder.create();
        ExampleSet examples = ExampleSet.shipped();
        List<EmbeddingMoveClassifier> folds = new ArrayList<>();
        Map<String, Integer> foldOf = new HashMap<>();
        for (int f = 0; f < FOLDS; f++) {
            List<LabelledLine> train = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                LabelledLine line = examples.lines().get(i);
                if (i % FOLDS == f) {
                    foldOf.put(line.text(), f);
                } else {
                    train.add(line);
                }
            }
            folds.add(EmbeddingMoveClassifier.create(embedder, fromLines(train)));
        }
        if (args.length > 0 && args[0].equals("misses")) {
            ClassifierEvaluation e = evaluate(folds, foldOf, EmbeddingMoveClassifier.Tuning.DEFAULT, examples);
            System.out.print(e.format());
            System.out.print(e.formatMisses());
            return;
        }
        for (double probe : List.of(0.0, 0.5, 1.0)) {
          for (double min : List.of(0.1, 0.25)) {
            for (double vote : List.of(0.35, 0.45, 0.55)) {
                for (double pressure : List.of(0.8)) {
                    var t = new EmbeddingMoveClassifier.Tuning(7, vote, pressure, 0.9, min, false, false, probe);
                    ClassifierEvaluation e = evaluate(folds, foldOf, t, examples);
                    double macro = java.util.Arrays.stream(MoveLabel.values())
                            .mapToDouble(l -> e.scores(l.id()).f1()).average().orElse(0);
                    System.out.printf(Locale.ROOT,
                            "min=%.2f probe=%.2f vote=%.2f pressure=%.2f | pressure %.3f dtr %.3f perm %.3f macro %.3f exact %.3f%n",
                            min, probe, vote, pressure, e.pressure().f1(), e.scores("dtr_ask").f1(),
                            e.scores("permission_no").f1(), macro, e.exactMatch());
                }
            }
          }
        }
    }

    private static ClassifierEvaluation evaluate(List<EmbeddingMoveClassifier> folds, Map<String, Integer> foldOf,
                                                 EmbeddingMoveClassifier.Tuning tuning, ExampleSet examples) {
        List<EmbeddingMoveClassifier> tuned = folds.stream().map(c -> c.withTuning(tuning)).toList();
        MoveClassifier crossValidated = text -> tuned.get(foldOf.get(text)).classify(text);
        return ClassifierEvaluation.run(crossValidated, examples);
    }

    private static ExampleSet fromLines(List<LabelledLine> lines) {
        StringBuilder tsv = new StringBuilder();
        for (LabelledLine l : lines) {
            tsv.append(String.join(",", l.labels())).append('\t').append(l.text()).append('\n');
        }
        try {
            return ExampleSet.parse(new java.io.StringReader(tsv.toString()), "fold");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
