package io.dtrcoach.server.cli;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.server.Application;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.practice.FixedCatalog;
import io.dtrcoach.server.practice.ScenarioCatalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The real scenario library, embedding model, move classifier and scorer. */
final class ProductionParts {
    private ProductionParts() {
    }

    static Application.Parts create(ServerConfig config) {
        TextEmbedder embedder = TextEmbedder.create();
        // TODO(merge): ScenarioLibrary + ScenarioLoader, EmbeddingMoveClassifier and Scorer once on main.
        ScenarioCatalog catalog = new FixedCatalog(List.of(), (content, source) -> {
            throw new IllegalStateException("no scenario loader yet");
        });
        return new Application.Parts(catalog, embedder, scenario -> text -> List.of(new Move("other", 1.0)),
                (engine, transcript) -> Map.of("scenarioId", transcript.scenarioId(),
                        "outcome", Map.of("revealedFacts", transcript.revealedFacts(),
                                "ending", transcript.ending().orElse(""))),
                Clock.systemUTC());
    }
}
