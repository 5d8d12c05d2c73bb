package io.dtrcoach.server.practice;

import io.dtrcoach.core.persona.DebriefPrompt;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.persona.LockedFactInPrompt;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.llm.LlmUnavailable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optional written debrief of an ended session: the model writes it once from the call, the revealed facts and
 * the scores in effect; it is stored apart from the report and shown as the model's wherever it appears.
 */
public final class Debriefs {
    private static final Logger LOG = LoggerFactory.getLogger(Debriefs.class);

    private final SessionStore store;
    private final Sessions sessions;
    private final Reports reports;
    private final ScenarioVersions versions;
    private final LlmSpeaker llm;
    /** Debriefs being written on this node, by session: a second click waits for the same model call. */
    private final Map<String, Future<String>> writing = new ConcurrentHashMap<>();

    Debriefs(SessionStore store, Sessions sessions, Reports reports, ScenarioVersions versions, LlmSpeaker llm) {
        this.store = store;
        this.sessions = sessions;
        this.reports = reports;
        this.versions = versions;
        this.llm = llm;
    }

    /**
     * The written debrief of an ended session the caller may see: the stored one if there is one, else asks the model
     * for it and stores it. The report and its scores are read, never written. Fails with {@link PersonaUnavailable}
     * when no model can be had.
     */
    public Future<String> write(Caller caller, String sessionId) {
        return reports.report(caller, sessionId).compose(report -> store.tx(t -> t.debrief(sessionId)).compose(stored -> {
            if (stored.isPresent()) {
                return Future.succeededFuture(stored.get());
            }
            Promise<String> mine = Promise.promise();
            Future<String> running = writing.putIfAbsent(sessionId, mine.future());
            if (running != null) {
                return running;
            }
            ask(caller, sessionId, report).onComplete(ar -> {
                writing.remove(sessionId, mine.future());
                mine.handle(ar);
            });
            return mine.future();
        }));
    }

    private Future<String> ask(Caller caller, String sessionId, SessionReport report) {
        return sessions.transcript(caller, sessionId).compose(t ->
                        store.visible(caller, sessionId).compose(s -> versions.scenario(s.scenarioHash()).compose(scenario -> {
                            History call = History.start(t.opening());
                            for (TranscriptTurn turn : t.turns()) {
                                call = call.then(turn.rep(), turn.reply());
                            }
                            List<String> revealed = s.state().revealed();
                            return llm.write(DebriefPrompt.messages(scenario, call, revealed,
                                    report.effectiveScores(), scenario.rubric().pass()));
                        })))
                .recover(e -> Future.failedFuture(unavailable(sessionId, e)))
                .compose(text -> store.tx(t -> t.storeDebrief(sessionId, text)));
    }

    private static Throwable unavailable(String sessionId, Throwable e) {
        if (e instanceof LockedFactInPrompt locked) {
            LOG.error("session {}: debrief not asked for: {}", sessionId, locked.getMessage());
            return new PersonaUnavailable("A written debrief cannot be made for this session: the scenario's persona "
                    + "names something the prospect never revealed, and that is not sent to the language model.");
        }
        return e instanceof LlmUnavailable ? new PersonaUnavailable(e.getMessage()) : e;
    }

    /** The stored written debrief of a session the caller may see, if one was asked for. */
    public Future<Optional<String>> stored(Caller caller, String sessionId) {
        return store.tx(t -> {
            SessionAccess.visible(caller, t.session(sessionId), sessionId);
            return t.debrief(sessionId);
        });
    }
}
