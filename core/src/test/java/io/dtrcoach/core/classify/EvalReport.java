package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.nio.file.Path;

/** Development program: prints the evaluation report (and the missed lines) for a TSV file. */
public final class EvalReport {
    private EvalReport() {
    }

    public static void main(String[] args) {
        EmbeddingMoveClassifier classifier = EmbeddingMoveClassifier.create(TextEmbedder.create());
        ClassifierEvaluation e = ClassifierEvaluation.run(classifier, Path.of(args[0]));
        System.out.print(e.format());
        if (args.length > 1) {
            System.out.println();
            System.out.print(e.formatMisses());
        }
    }
}
