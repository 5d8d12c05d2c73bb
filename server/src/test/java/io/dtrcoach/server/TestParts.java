package io.dtrcoach.server;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scoring.Delivery;
import io.dtrcoach.core.scoring.Dimension;
import io.dtrcoach.core.scoring.OutcomeSummary;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.TimingSummary;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionScorer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

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
        return new Application.Parts(catalog, embedder(), classifier(), scorer(), clock);
    }

    /** A lexical move classifier: a line with "sign" in it is false urgency, anything else is other. */
    public static MoveClassifier classifier() {
        return text -> text.toLowerCase().contains("sign")
                ? List.of(new Move("pressure.false_urgency", 0.9))
                : List.of(new Move("other", 1.0));
    }

    /**
     * A deterministic scorer: pressure (100 less 40 a pressure turn) and outcome (90 with a fact revealed, else 20)
     * weighted half each, pass mark 70, every ending a success; the rest of the report is empty.
     */
    public static SessionScorer scorer() {
        return (engine, transcript) -> {
            long pressure = transcript.turns().stream().filter(Turn::hasPressure).count();
            int pressureScore = (int) Math.max(0, 100 - 40 * pressure);
            int outcome = transcript.revealedFacts().isEmpty() ? 20 : 90;
            Map<String, Dimension> dims = new LinkedHashMap<>();
            dims.put("pressure", new Dimension(pressureScore, 0.5, "pressure turns", List.of()));
            dims.put("outcome", new Dimension(outcome, 0.5, "facts revealed", List.of()));
            int overall = (pressureScore + outcome) / 2;
            return new Report(transcript.scenarioId(), overall, overall >= 70, 70, dims,
                    new Delivery(0, 0, 0, 0, OptionalDouble.empty(), 0, 0, 0, 0, 0, transcript.turns().size()),
                    new OutcomeSummary(transcript.ending(), transcript.outcome().orElse(Ending.Outcome.no_decision), transcript.revealedFacts(),
                            engine.scenario().facts().size(), false, List.of(), true),
                    new TimingSummary(new TimingSummary.Window(0, 0), OptionalInt.empty()), transcript.opening(),
                    List.of(), List.of());
        };
    }
}
