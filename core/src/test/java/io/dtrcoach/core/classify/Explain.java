package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

/** Development program: shows what the rules and the neighbours say about each argument line. */
public final class Explain {
    private Explain() {
    }

    public static void main(String[] args) {
        EmbeddingMoveClassifier c = EmbeddingMoveClassifier.create(TextEmbedder.create());
        boolean loo = args.length > 0 && args[0].equals("--loo");
        if (loo) {
            c = c.withTuning(EmbeddingMoveClassifier.Tuning.DEFAULT.excludingSelf());
        }
        for (int i = loo ? 1 : 0; i < args.length; i++) {
            System.out.print(c.explain(args[i]));
        }
    }
}
