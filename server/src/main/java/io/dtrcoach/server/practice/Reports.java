package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.ScoresInEffect;
import io.dtrcoach.server.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.util.List;
import java.util.Optional;

/**
 * The scored report of an ended session: computed once from the stored turns (on the engine pool), stored with the
 * session, and the same on every node; shown with the reviewers' overrides and the scores in effect.
 */
public final class Reports {
    private final SessionStore store;
    private final ScenarioVersions versions;
    private final Engines engines;
    private final SessionScorer scorer;
    private final WorkerExecutor compute;

    Reports(SessionStore store, ScenarioVersions versions, Engines engines, SessionScorer scorer, WorkerExecutor compute) {
        this.store = store;
        this.versions = versions;
        this.engines = engines;
        this.scorer = scorer;
        this.compute = compute;
    }

    /** The report of an ended session the caller may see; {@link SessionOpen} while it is open. */
    public Future<SessionReport> report(Caller caller, String sessionId) {
        return store.visible(caller, sessionId).compose(s -> {
            if (!s.ended()) {
                throw new SessionOpen(sessionId);
            }
            return ensure(sessionId);
        }).compose(report -> store.tx(t -> t.overrides(sessionId)).map(overrides ->
                new SessionReport(sessionId, report, overrides, inEffect(report, overrides))));
    }

    /** @param overrides oldest first */
    static ScoresInEffect inEffect(Report report, List<ScoreOverride> overrides) {
        return ScoresInEffect.of(report, overrides.stream()
                .map(o -> new ScoresInEffect.Change(o.dimension(), o.score())).toList());
    }

    /** The stored report, computing and storing it first if the session ended without one. */
    Future<Report> ensure(String sessionId) {
        // Read without waiting for disk: a report computed from this is stored by a write that waits for a sync
        // covering what was read, and a stored report found here is the same one every node computes.
        return store.lookup(t -> {
            StoredSession s = t.session(sessionId).orElseThrow(() -> new SessionNotFound(sessionId));
            Optional<Report> stored = s.report();
            return new Scoring(s, stored, stored.isPresent() ? List.of() : t.turns(sessionId));
        }).compose(loaded -> {
            if (loaded.stored().isPresent()) {
                return Future.succeededFuture(loaded.stored().get());
            }
            StoredSession s = loaded.session();
            return versions.scenario(s.scenarioHash()).compose(scenario -> compute.executeBlocking(() -> {
                Engine engine = engines.forScenario(scenario);
                List<Turn> turns = loaded.turns().stream().map(StoredTurn::analysis).toList();
                return scorer.score(engine, Transcript.of(engine, s.opening(), turns, s.state()));
            }, false)).compose(report -> store.tx(t -> t.storeReport(sessionId, report)));
        });
    }

    private record Scoring(StoredSession session, Optional<Report> stored, List<StoredTurn> turns) {
    }
}
