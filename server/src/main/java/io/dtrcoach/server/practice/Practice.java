package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.vertx.core.WorkerExecutor;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The practice services, made once over one {@link SessionStore}: the sessions' life ({@link Sessions}), their turns
 * ({@link Turns}), reports ({@link Reports}), reviews ({@link Reviews}) and written debriefs ({@link Debriefs}).
 */
public record Practice(Sessions sessions, Turns turns, Reports reports, Reviews reviews, Debriefs debriefs) {

    /** What the services are made of; {@code compute} is the pool the engine, scoring and scenario parsing run on. */
    public record Parts(AsyncDatabase db, Json json, ScenarioCatalog catalog, Engines engines, SessionScorer scorer,
                        WorkerExecutor compute, Clock clock, SecureRandom random, Metrics metrics, LlmSpeaker llm) {
    }

    public static Practice create(Parts p) {
        SessionStore store = new SessionStore(p.db(), p.json(), p.clock());
        ScenarioVersions versions = new ScenarioVersions(p.catalog(), store, p.compute());
        Reports reports = new Reports(store, versions, p.engines(), p.scorer(), p.compute());
        Sessions sessions = new Sessions(store, versions, reports, p.engines(), p.compute(), p.random(), p.metrics(),
                p.llm());
        Turns turns = new Turns(store, versions, reports, p.engines(), p.compute(), p.metrics(), p.llm());
        return new Practice(sessions, turns, reports, new Reviews(store, reports),
                new Debriefs(store, sessions, reports, versions, p.llm()));
    }
}
