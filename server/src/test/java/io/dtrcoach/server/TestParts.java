package io.dtrcoach.server;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionScorer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The non-database parts for in-process servers under test: the real embedder, a lexical classifier, a scorer. */
public final class TestParts {
    /** Loading the model takes seconds; every test class in the JVM shares it (it is thread-safe). */
    private static TextEmbedder embedder;

    private TestParts() {
    }

    public static synchronized TextEmbedder embedder() {
        if (embedder == null) {
            embedder = TextEmbedder.create();
        }
        return embedder;
    }

    public static Application.Parts create(ScenarioCatalog catalog, Clock clock) {
        return new Application.Parts(catalog, embedder(),
                text -> text.toLowerCase().contains("sign")
                        ? List.of(new Move("pressure.false_urgency", 0.9))
                        : List.of(new Move("other", 1.0)),
                scorer(), clock);
    }

    /**
     * A deterministic scorer with the report's shape: overall (the two dimensions weighted half each), passed, pass,
     * dimensions.*.score and .weight, outcome.
     */
    public static SessionScorer scorer() {
        return (engine, transcript) -> {
            long pressure = transcript.turns().stream().filter(Turn::hasPressure).count();
            int pressureScore = (int) Math.max(0, 100 - 40 * pressure);
            int outcome = transcript.revealedFacts().isEmpty() ? 20 : 90;
            Map<String, Object> dims = new LinkedHashMap<>();
            dims.put("pressure", Map.of("score", pressureScore, "weight", 0.5, "evidence", List.of()));
            dims.put("outcome", Map.of("score", outcome, "weight", 0.5, "evidence", List.of()));
            int overall = (pressureScore + outcome) / 2;
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scenarioId", transcript.scenarioId());
            report.put("overall", overall);
            report.put("passed", overall >= 70);
            report.put("pass", 70);
            report.put("dimensions", dims);
            report.put("outcome", Map.of("revealedFacts", transcript.revealedFacts(),
                    "ending", transcript.ending().orElse("")));
            return report;
        };
    }
}
