package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.persistence.PracticeRepository;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A practice session's life outside its turns: start (on the library's current version of the scenario, with a seed
 * that picks the opener), switch the persona kind, end (and score), read its transcript, list sessions. Every piece
 * of conversation state is in the database, so any node can serve any of these.
 */
public final class Sessions {
    private final SessionStore store;
    private final ScenarioVersions versions;
    private final Reports reports;
    private final Engines engines;
    private final WorkerExecutor compute;
    private final SecureRandom random;
    private final Metrics metrics;
    private final LlmSpeaker llm;

    Sessions(SessionStore store, ScenarioVersions versions, Reports reports, Engines engines, WorkerExecutor compute,
             SecureRandom random, Metrics metrics, LlmSpeaker llm) {
        this.store = store;
        this.versions = versions;
        this.reports = reports;
        this.engines = engines;
        this.compute = compute;
        this.random = random;
        this.metrics = metrics;
        this.llm = llm;
    }

    /** Whether LLM personas can be used now, and if not, why. */
    public LlmStatus llmStatus() {
        return LlmStatus.of(llm.configured(), llm.unavailable());
    }

    public Future<StartedSession> start(Caller caller, String scenarioId) {
        return start(caller, scenarioId, Scenario.Mode.scripted);
    }

    /** Starts a session with this persona kind; fails with {@link PersonaUnavailable} if it cannot be had now. */
    public Future<StartedSession> start(Caller caller, String scenarioId, Scenario.Mode persona) {
        ScenarioVersion version = versions.current(scenarioId);
        Scenario scenario = version.scenario();
        requirePersona(scenario, persona);
        long seed = random.nextLong();
        String id = newId();
        return compute.executeBlocking(() -> {
            Engine engine = engines.forScenario(scenario);
            ProspectState state = engine.start(seed);
            return new Opening(engine.opening(state), state);
        }, false).compose(opening -> versions.save(version).compose(v -> store.tx(t -> {
            t.insertSession(id, caller.user(), version, persona, seed, opening.line(), opening.state());
            return new StartedSession(id, opening.line(), scenario.id(), scenario.brief().maxTurns(), persona);
        }))).onSuccess(s -> metrics.sessionStarted());
    }

    private record Opening(String line, ProspectState state) {
    }

    /**
     * Switches an open session to another persona kind (the rep's way out when the model keeps failing). The
     * engine's state is untouched, so the switch changes the words of later replies and nothing else.
     */
    public Future<Scenario.Mode> switchPersona(Caller caller, String sessionId, Scenario.Mode persona) {
        return store.visible(caller, sessionId).compose(s -> {
            SessionAccess.requireOwner(caller, s);
            if (s.ended()) {
                throw new SessionEnded(s.id(), s.ending());
            }
            return versions.scenario(s.scenarioHash()).compose(scenario -> {
                requirePersona(scenario, persona);
                return store.tx(t -> {
                    if (!t.setPersona(s.id(), persona)) {
                        throw new SessionEnded(s.id(), "ended");
                    }
                    return persona;
                });
            });
        });
    }

    void requirePersona(Scenario scenario, Scenario.Mode persona) {
        if (persona != Scenario.Mode.llm) {
            return;
        }
        if (!scenario.offers(Scenario.Mode.llm)) {
            throw new PersonaUnavailable("scenario '" + scenario.id() + "' does not offer an LLM persona; "
                    + "use the scripted persona");
        }
        Optional<String> why = llm.unavailable();
        if (why.isPresent()) {
            throw new PersonaUnavailable(why.get());
        }
    }

    /** Ends the session if it is open (only its rep may) and returns its report; the same report every time. */
    public Future<SessionReport> end(Caller caller, String sessionId) {
        return store.visible(caller, sessionId).compose(s -> {
            if (s.ended()) {
                return Future.succeededFuture((Void) null);
            }
            SessionAccess.requireOwner(caller, s);
            return versions.scenario(s.scenarioHash())
                    .compose(scenario -> compute.executeBlocking(() -> engines.forScenario(scenario).endByRep(s.state()),
                            false))
                    .compose(after -> store.tx(t -> t.end(s, after)))
                    .map(endedNow -> {
                        if (endedNow) {
                            metrics.sessionEnded();
                        }
                        return (Void) null;
                    });
        }).compose(v -> reports.ensure(sessionId)).compose(v -> reports.report(caller, sessionId));
    }

    /**
     * Ends every open session with no turn for {@code after}, as {@code expired} (scored on what was said, like a
     * session the rep ended), so that it stops showing as in progress; see docs/admins/configuration.md. Safe on
     * every node at once: a session is ended once, whoever gets there first.
     *
     * @return how many this call ended
     */
    public Future<Integer> expireAbandoned(Instant now, java.time.Duration after) {
        long cutoff = now.minus(after).toEpochMilli();
        return store.tx(t -> t.abandoned(cutoff, 200)).compose(ids -> {
            Future<Integer> done = Future.succeededFuture(0);
            for (String id : ids) {
                done = done.compose(n -> expire(id).map(ended -> ended ? n + 1 : n));
            }
            return done;
        });
    }

    private Future<Boolean> expire(String id) {
        return store.tx(t -> t.session(id)).compose(found -> {
            if (found.isEmpty() || found.get().ended()) {
                return Future.succeededFuture(false);
            }
            StoredSession s = found.get();
            return versions.scenario(s.scenarioHash())
                    .compose(scenario -> compute.executeBlocking(() -> engines.forScenario(scenario).endExpired(s.state()),
                            false))
                    .compose(after -> store.tx(t -> t.end(s, after)))
                    .recover(e -> e instanceof TurnConflict ? Future.succeededFuture(false) : Future.failedFuture(e))
                    .compose(ended -> ended ? reports.ensure(id).map(v -> true) : Future.succeededFuture(false));
        });
    }

    /** The session's turns; each one's analysis only once the session has ended (see {@link TranscriptTurn}). */
    public Future<SessionTranscript> transcript(Caller caller, String sessionId) {
        return store.tx(t -> {
            StoredSession s = SessionAccess.visible(caller, t.session(sessionId), sessionId);
            return new Read(s, t.turns(sessionId), t.comments(sessionId));
        }).map(read -> {
            StoredSession s = read.session();
            List<TranscriptTurn> out = new ArrayList<>();
            for (StoredTurn t : read.turns()) {
                List<TurnComment> forTurn = read.comments().stream().filter(k -> k.turn() == t.number()).toList();
                out.add(new TranscriptTurn(t.number(), t.rep(), t.reply(),
                        s.ended() ? Optional.of(t.analysis()) : Optional.empty(), forTurn, t.source()));
            }
            return new SessionTranscript(s.summary(), s.opening(), out);
        });
    }

    private record Read(StoredSession session, List<StoredTurn> turns, List<TurnComment> comments) {
    }

    public Future<List<SessionSummary>> list(Caller caller, SessionFilter filter) {
        User user = caller.user();
        PracticeRepository.Query query = switch (user.role()) {
            case admin -> query(Optional.empty(), Optional.empty(), filter);
            // their own sessions and those the reps of their team recorded under it
            case manager -> query(Optional.of(user.id()), user.teamId(), filter);
            case rep, trainer -> {
                if (filter.rep().isPresent() && !filter.rep().get().equals(user.username())) {
                    throw new Forbidden("you can only list your own sessions");
                }
                yield query(Optional.of(user.id()), Optional.empty(), filter);
            }
        };
        return store.tx(t -> t.summaries(query));
    }

    private static PracticeRepository.Query query(Optional<Long> userId, Optional<Long> repsOfTeam, SessionFilter f) {
        return new PracticeRepository.Query(userId, repsOfTeam, f.rep(), f.scenario(), f.from().map(Instant::toEpochMilli),
                f.to().map(Instant::toEpochMilli), f.limit());
    }

    private String newId() {
        return Tokens.hex(random, 16);
    }
}
