package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.ConversationEnded;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.llm.ReplyListener;
import io.dtrcoach.server.llm.Speech;
import io.dtrcoach.server.llm.SpeechCancelled;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * One turn of a session: read the session (and, for an LLM persona, the conversation so far), step the scenario's
 * engine on the engine pool, put the step into words (the scripted line, or the model's), and commit the turn before
 * anyone is told it happened. The engine's state is all in the database, so any node can take any turn; two requests
 * for the same turn are told apart by the guarded commit ({@link TurnConflict}).
 */
public final class Turns {
    private static final Logger LOG = LoggerFactory.getLogger(Turns.class);
    public static final int MAX_TEXT = 4000;

    private final SessionStore store;
    private final ScenarioVersions versions;
    private final Reports reports;
    private final Engines engines;
    private final WorkerExecutor compute;
    private final Metrics metrics;
    private final LlmSpeaker llm;

    Turns(SessionStore store, ScenarioVersions versions, Reports reports, Engines engines, WorkerExecutor compute,
          Metrics metrics, LlmSpeaker llm) {
        this.store = store;
        this.versions = versions;
        this.reports = reports;
        this.engines = engines;
        this.compute = compute;
        this.metrics = metrics;
        this.llm = llm;
    }

    public Future<TurnReply> take(Caller caller, String sessionId, String text) {
        return take(caller, sessionId, text, ReplyListener.ignoring()).reply();
    }

    /**
     * Takes a turn, speaking the reply to {@code listener} as it comes (the streaming hook). The engine steps
     * exactly as for a scripted persona; an LLM persona then only puts the step into words, from the facts the
     * engine has revealed. The words the rep saw are committed with the turn before {@link TurnInProgress#reply()}
     * completes; the conversation the model sees next turn is read back from the database.
     */
    public TurnInProgress take(Caller caller, String sessionId, String text, ReplyListener listener) {
        return take(caller, sessionId, text, listener, Optional.empty());
    }

    /**
     * As {@link #take(Caller, String, String, ReplyListener)}, under the client's Idempotency-Key when there is
     * one: a turn already taken under that key on this session is answered again with what was stored, and no second
     * turn is taken, however many copies arrive at once ({@link TurnInProgress#replayed()}); the key with another text
     * fails with {@link IdempotencyKeyReused}. The key is stored in the turn's own transaction.
     */
    public TurnInProgress take(Caller caller, String sessionId, String text, ReplyListener listener,
                               Optional<TurnKey> key) {
        VisibleText.check("text", text, MAX_TEXT);
        long started = System.nanoTime();
        LiveTurn live = new LiveTurn();
        SessionStore.Work<Loaded> load = t -> {
            StoredSession s = SessionAccess.visible(caller, t.session(sessionId), sessionId);
            Optional<SessionStore.StoredAnswer> stored = key.isPresent() ? t.answer(sessionId, key.get().key())
                    : Optional.empty();
            // Only an LLM persona needs the conversation so far: the engine's state is all in the session.
            return new Loaded(s, s.persona() == Scenario.Mode.llm ? t.turns(sessionId) : List.of(), stored);
        };
        // Read without waiting for disk: the turn's own commit below waits for a sync that covers whatever this saw.
        // With a key, a stored answer found here is the reply itself, so that read waits like any other.
        (key.isPresent() ? store.tx(load) : store.lookup(load)).compose(loaded -> {
            StoredSession s = loaded.session();
            SessionAccess.requireOwner(caller, s);
            if (loaded.stored().isPresent()) {
                return Future.succeededFuture(replay(live, s.id(), key.get(), loaded.stored().get()));
            }
            if (s.ended()) {
                throw new SessionEnded(s.id(), s.ending());
            }
            return versions.scenario(s.scenarioHash()).compose(scenario -> compute.executeBlocking(() -> {
                ProspectState before = s.state();
                try {
                    return engines.forScenario(scenario).step(before, text);
                } catch (ConversationEnded e) {
                    throw new SessionEnded(s.id(), before.ending().orElse("ended"));
                }
            }, false).compose(step -> speak(live, loaded, scenario, step, listener).compose(spoken -> {
                TurnReply reply = new TurnReply(step.turn().number(), spoken.text(), step.after().ended(),
                        step.after().ending(), s.persona(), spoken.source(), spoken.notice());
                return commit(s, step, spoken, key, reply).map(reply);
            }))).recover(e -> answeredUnderKey(live, sessionId, key, e));
        }).compose(reply -> {
            if (live.replayed()) {
                return Future.succeededFuture(reply);
            }
            metrics.turnTaken(System.nanoTime() - started);
            if (!reply.ended()) {
                return Future.succeededFuture(reply);
            }
            metrics.sessionEnded();
            // The turn is committed; a failed report is computed again on the next request for it.
            return reports.ensure(sessionId).map(reply).recover(e -> {
                LOG.error("Scoring session {} failed; it will be retried on demand", sessionId, e);
                return Future.succeededFuture(reply);
            });
        }).onComplete(live::complete);
        return live;
    }

    /** The session, the conversation so far (LLM persona only) and the answer stored under the request's key. */
    private record Loaded(StoredSession session, List<StoredTurn> turns, Optional<SessionStore.StoredAnswer> stored) {
    }

    /** The words the rep is shown for a turn, and where they came from. */
    private record Spoken(String text, ReplySource source, Optional<String> notice) {
    }

    /** After a conflict: another copy sent under the same key may be the one that committed; its answer is ours. */
    private Future<TurnReply> answeredUnderKey(LiveTurn live, String sessionId, Optional<TurnKey> key, Throwable e) {
        if (!(e instanceof TurnConflict conflict) || key.isEmpty()) {
            return Future.failedFuture(e);
        }
        return store.tx(t -> t.answer(sessionId, key.get().key()))
                .map(stored -> replay(live, sessionId, key.get(), stored.orElseThrow(() -> conflict)));
    }

    /** The answer stored for the key, if it was sent with the same text. */
    private static TurnReply replay(LiveTurn live, String sessionId, TurnKey key, SessionStore.StoredAnswer stored) {
        if (!stored.requestHash().equals(key.requestHash())) {
            throw new IdempotencyKeyReused(sessionId);
        }
        live.replayed(true);
        return stored.reply();
    }

    /** The words for the engine's step: its scripted line, or the model's for an LLM persona. */
    private Future<Spoken> speak(LiveTurn live, Loaded loaded, Scenario scenario, Step step, ReplyListener listener) {
        if (live.cancelled()) {
            return Future.failedFuture(new SpeechCancelled());
        }
        String scripted = step.turn().prospect();
        listener.onTurn(step.turn().number());
        if (loaded.session().persona() == Scenario.Mode.scripted) {
            listener.onToken(scripted);
            return Future.succeededFuture(new Spoken(scripted, ReplySource.SCRIPTED, Optional.empty()));
        }
        History history = History.start(loaded.session().opening());
        for (StoredTurn t : loaded.turns()) {
            history = history.then(t.rep(), t.reply());
        }
        Speech speech = llm.speak(scenario, history, step, listener);
        live.attach(speech);
        return speech.reply().map(r -> new Spoken(r.text(), ReplySource.of(r.source()), r.notice()));
    }

    private Future<Void> commit(StoredSession s, Step step, Spoken spoken, Optional<TurnKey> key, TurnReply reply) {
        return store.tx(t -> {
            t.commitTurn(s, step, spoken.text(), spoken.source(), key, reply);
            return (Void) null;
        }).onFailure(e -> {
            if (e instanceof TurnConflict) {
                metrics.turnConflict();
            }
        });
    }
}
