package io.dtrcoach.server.cli;

import io.dtrcoach.core.classify.EmbeddingMoveClassifier;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scoring.Scorer;
import io.dtrcoach.server.Application;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.practice.LibraryCatalog;

import java.time.Clock;

/** The real scenario library, embedding model, move classifier and scorer. Blocking: loads the model. */
final class ProductionParts {
    private ProductionParts() {
    }

    static Application.Parts create(ServerConfig config) {
        TextEmbedder embedder = TextEmbedder.create();
        EmbeddingMoveClassifier classifier = EmbeddingMoveClassifier.create(embedder);
        LibraryCatalog catalog = LibraryCatalog.load(ProductionParts.class.getClassLoader(), config.scenariosDir());
        Scorer scorer = Scorer.create();
        return new Application.Parts(catalog, embedder,
                scenario -> classifier.withExtraExamples(scenario.classifierExamples()), scorer::score,
                Clock.systemUTC());
    }
}
