package io.dtrcoach.server.app;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scoring.Scorer;

/**
 * The domain services that load a model or a data set: made once per process (about a second) and shared by
 * the CLI commands and the server.
 */
public record CoreServices(TextEmbedder embedder, IntentMatcher matcher, MoveClassifier classifier,
                           Engines engines, Scorer scorer) {

    public static CoreServices create() {
        TextEmbedder embedder = TextEmbedder.create();
        IntentMatcher matcher = new IntentMatcher(embedder);
        MoveClassifier classifier = TrainedMoveClassifier.create(embedder);
        Engines engines = new Engines(matcher, classifier);
        Scorer scorer = Scorer.create(ExampleSet.shipped(), embedder);
        return new CoreServices(embedder, matcher, classifier, engines, scorer);
    }
}
