package io.dtrcoach.server;

import io.dtrcoach.core.classify.EmbeddingMoveClassifier;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scoring.Scorer;

/**
 * The domain services that load a model or a data set: made once per process (about a second) and shared by
 * the CLI commands and the server.
 */
public record CoreServices(TextEmbedder embedder, IntentMatcher matcher, EmbeddingMoveClassifier classifier,
                           Engines engines, Scorer scorer) {

    public static CoreServices create() {
        TextEmbedder embedder = TextEmbedder.create();
        IntentMatcher matcher = new IntentMatcher(embedder);
        EmbeddingMoveClassifier classifier = EmbeddingMoveClassifier.create(embedder);
        Engines engines = new Engines(matcher, classifier);
        Scorer scorer = Scorer.create(classifier.examples(), embedder);
        return new CoreServices(embedder, matcher, classifier, engines, scorer);
    }
}
