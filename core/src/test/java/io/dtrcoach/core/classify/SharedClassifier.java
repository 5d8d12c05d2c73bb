package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

/** One embedding model and shipped classifier for all tests in this package: loading them takes seconds. */
final class SharedClassifier {
    private static final class Holder {
        static final TextEmbedder EMBEDDER = TextEmbedder.create();
        static final TrainedMoveClassifier CLASSIFIER = TrainedMoveClassifier.create(EMBEDDER);
    }

    private SharedClassifier() {
    }

    static TextEmbedder embedder() {
        return Holder.EMBEDDER;
    }

    static TrainedMoveClassifier classifier() {
        return Holder.CLASSIFIER;
    }
}
