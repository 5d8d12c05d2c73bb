package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.dtrcoach.core.conversation.ConversationEnded;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.ScoresInEffect;
import io.dtrcoach.core.scenario.ScenarioNotFound;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.InvalidInput;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.DebriefRepository;
import io.dtrcoach.server.persistence.PracticeRepository;
import io.dtrcoach.server.persistence.PracticeRepository.SessionRow;
import io.dtrcoach.server.persistence.PracticeRepository.TurnRow;
import io.dtrcoach.server.persistence.SqlWork;
import io.dtrcoach.core.persona.DebriefPrompt;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.persona.LockedFactInPrompt;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.llm.LlmUnavailable;
import io.dtrcoach.server.llm.ReplyListener;
import io.dtrcoach.server.llm.Speech;
import io.dtrcoach.server.llm.SpeechCancelled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Practice sessions as an application service: the JSON API uses it now, the browser pages and the live channel
 * later. Every piece of conversation state is in the database (the engine's state is stored as JSON after every
 * turn), so any node can take the next turn of any session, and a turn's reply is only returned once the turn
 * is committed. The engine and scoring run on a worker pool, JDBC on the database's.
 */
public final class ConversationService {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);
    public static final int MAX_TEXT = 4000;
    public static final int MAX_COMMENT = 4000;

    private final AsyncDatabase db;
    private final PracticeRepository repo;
    private final ScenarioCatalog catalog;
    private final Engines engines;
    private final SessionScorer scorer;
    private final Json json;
    private final WorkerExecutor compute;
    private final Clock clock;
    private final SecureRandom random;
    private final Metrics metrics;
    private final LlmSpeaker llm;
    /** Scenarios rebuilt from stored versions no longer in the library (edited or removed files). */
    private final Cache<String, Scenario> stored = CacheBuilder.newBuilder().maximumSize(500).build();
    private final DebriefRepository debriefs = new DebriefRepository();
    /** Debriefs being written on this node, by session: a second click waits for the same model call. */
    private final Map<String, Future<String>> writing = new ConcurrentHashMap<>();

    public ConversationService(AsyncDatabase db, PracticeRepository repo, ScenarioCatalog catalog, Engines engines,
                               SessionScorer scorer, Json json, WorkerExecutor compute, Clock clock,
                               SecureRandom random, Metrics metrics, LlmSpeaker llm) {
        this.db = db;
        this.repo = repo;
        this.catalog = catalog;
        this.engines = engines;
        this.scorer = scorer;
        this.json = json;
        this.compute = compute;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.llm = llm;
    }

    /** Whether LLM personas can be used now, and if not, why. */
    public LlmStatus llmStatus() {
        return LlmStatus.of(llm.configured(), llm.unavailable());
    }

    // ---- playing

    public Future<StartedSession> start(Caller caller, String scenarioId) {
        return start(caller, scenarioId, Scenario.Mode.scripted);
    }

    /** Starts a session with this persona kind; fails with {@link PersonaUnavailable} if it cannot be had now. */
    public Future<StartedSession> start(Caller caller, String scenarioId, Scenario.Mode persona) {
        ScenarioVersion version = catalog.current(scenarioId).orElseThrow(() -> new ScenarioNotFound(scenarioId));
        Scenario scenario = version.scenario();
        requirePersona(scenario, persona);
        long seed = random.nextLong();
        String id = newId();
        return work(() -> {
            Engine engine = engines.forScenario(scenario);
            ProspectState state = engine.start(seed);
            return new Opening(engine.opening(state), json.write(state));
        }).compose(opening -> saveVersion(version).compose(v -> db.tx(c -> {
            repo.insertSession(c, id, caller.user().id(), caller.user().teamId(), scenario.id(), version.hash(),
                    persona.name(), seed, opening.line(), opening.stateJson(), clock.millis());
            return new StartedSession(id, opening.line(), scenario.id(), scenario.brief().maxTurns(), persona);
        }))).onSuccess(s -> metrics.sessionStarted());
    }

    /** Stores the scenario's content once per version; a duplicate from a racing node is fine. */
    private Future<Void> saveVersion(ScenarioVersion v) {
        return db.tx(c -> {
            if (!repo.hasVersion(c, v.hash())) {
                repo.insertVersion(c, new PracticeRepository.VersionRow(v.hash(), v.scenario().id(),
                        v.scenario().title(), v.scenario().source(), v.content()), clock.millis());
            }
            return (Void) null;
        }).recover(e -> db.tx(c -> {
            if (repo.hasVersion(c, v.hash())) {
                return (Void) null;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }));
    }

    public Future<TurnReply> takeTurn(Caller caller, String sessionId, String text) {
        return takeTurn(caller, sessionId, text, ReplyListener.ignoring()).reply();
    }

    /**
     * Takes a turn, speaking the reply to {@code listener} as it comes (the streaming hook). The engine steps
     * exactly as for a scripted persona; an LLM persona then only puts the step into words, from the facts the
     * engine has revealed. The words the rep saw are committed with the turn before {@link TurnInProgress#reply()}
     * completes; the conversation the model sees next turn is read back from the database.
     */
    public TurnInProgress takeTurn(Caller caller, String sessionId, String text, ReplyListener listener) {
        return takeTurn(caller, sessionId, text, listener, Optional.empty());
    }

    /**
     * As {@link #takeTurn(Caller, String, String, ReplyListener)}, under the client's Idempotency-Key when there is
     * one: a turn already taken under that key on this session is answered again with what was stored, and no second
     * turn is taken, however many copies arrive at once ({@link TurnInProgress#replayed()}); the key with another text
     * fails with {@link IdempotencyKeyReused}. The key is stored in the turn's own transaction.
     */
    public TurnInProgress takeTurn(Caller caller, String sessionId, String text, ReplyListener listener,
                                   Optional<TurnKey> key) {
        checkText("text", text, MAX_TEXT);
        long started = System.nanoTime();
        LiveTurn live = new LiveTurn();
        SqlWork<KeyedLoad> load = c -> {
            SessionRow row = visible(caller, repo.session(c, sessionId), sessionId);
            Optional<PracticeRepository.TurnRequestRow> stored = key.isPresent()
                    ? repo.turnRequest(c, sessionId, key.get().key()) : Optional.empty();
            // Only an LLM persona needs the conversation so far: the engine's state is all in state_json.
            List<TurnRow> turns = persona(row) == Scenario.Mode.llm ? repo.turns(c, sessionId) : List.of();
            return new KeyedLoad(new Loaded(row, turns, List.of()), stored);
        };
        // Read without waiting for disk: the turn's own commit below waits for a sync that covers whatever this saw.
        // With a key, a stored answer found here is the reply itself, so that read waits like any other.
        (key.isPresent() ? db.tx(load) : db.lookup(load)).compose(keyed -> {
            Loaded loaded = keyed.loaded();
            SessionRow row = loaded.row();
            requireOwner(caller, row);
            if (keyed.stored().isPresent()) {
                return Future.succeededFuture(replay(live, row.id(), key.get(), keyed.stored().get()));
            }
            if (row.ended()) {
                throw new SessionEnded(row.id(), row.ending().orElse("ended"));
            }
            return scenario(row.scenarioHash()).compose(scenario -> work(() -> {
                ProspectState before = json.read(row.stateJson(), ProspectState.class);
                try {
                    return engines.forScenario(scenario).step(before, text);
                } catch (ConversationEnded e) {
                    throw new SessionEnded(row.id(), before.ending().orElse("ended"));
                }
            }).compose(step -> speak(live, loaded, scenario, step, listener).compose(spoken -> {
                TurnReply reply = new TurnReply(step.turn().number(), spoken.text(), step.after().ended(),
                        step.after().ending(), persona(row), spoken.source(), spoken.notice());
                return commitTurn(row, step, spoken, key.map(k -> new PracticeRepository.TurnRequestRow(
                        k.requestHash(), reply.turn(), json.write(reply)).withKey(k.key()))).map(reply);
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
            return ensureReport(sessionId).map(reply).recover(e -> {
                LOG.error("Scoring session {} failed; it will be retried on demand", sessionId, e);
                return Future.succeededFuture(reply);
            });
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                live.promise.tryComplete(ar.result());
            } else {
                live.promise.tryFail(ar.cause());
            }
        });
        return live;
    }

    /** After a conflict: another copy sent under the same key may be the one that committed; its answer is ours. */
    private Future<TurnReply> answeredUnderKey(LiveTurn live, String sessionId, Optional<TurnKey> key, Throwable e) {
        if (!(e instanceof TurnConflict conflict) || key.isEmpty()) {
            return Future.failedFuture(e);
        }
        return db.tx(c -> repo.turnRequest(c, sessionId, key.get().key()))
                .map(stored -> replay(live, sessionId, key.get(), stored.orElseThrow(() -> conflict)));
    }

    /** The answer stored for the key, if it was sent with the same text. */
    private TurnReply replay(LiveTurn live, String sessionId, TurnKey key, PracticeRepository.TurnRequestRow stored) {
        if (!stored.requestHash().equals(key.requestHash())) {
            throw new IdempotencyKeyReused(sessionId);
        }
        live.replayed = true;
        return json.read(stored.responseJson(), TurnReply.class);
    }

    private record KeyedLoad(Loaded loaded, Optional<PracticeRepository.TurnRequestRow> stored) {
    }

    /** The words for the engine's step: its scripted line, or the model's for an LLM persona. */
    private Future<Spoken> speak(LiveTurn live, Loaded loaded, Scenario scenario, Step step, ReplyListener listener) {
        if (live.cancelled()) {
            return Future.failedFuture(new SpeechCancelled());
        }
        String scripted = step.turn().prospect();
        listener.onTurn(step.turn().number());
        if (persona(loaded.row()) == Scenario.Mode.scripted) {
            listener.onToken(scripted);
            return Future.succeededFuture(new Spoken(scripted, ReplySource.SCRIPTED, Optional.empty()));
        }
        History history = History.start(loaded.row().opening());
        for (TurnRow t : loaded.turns()) {
            history = history.then(t.repText(), t.reply());
        }
        Speech speech = llm.speak(scenario, history, step, listener);
        live.attach(speech);
        return speech.reply().map(r -> new Spoken(r.text(), ReplySource.of(r.source()), r.notice()));
    }

    /**
     * Switches an open session to another persona kind (the rep's way out when the model keeps failing). The
     * engine's state is untouched, so the switch changes the words of later replies and nothing else.
     */
    public Future<Scenario.Mode> switchPersona(Caller caller, String sessionId, Scenario.Mode persona) {
        return session(caller, sessionId).compose(row -> {
            requireOwner(caller, row);
            if (row.ended()) {
                throw new SessionEnded(row.id(), row.ending().orElse("ended"));
            }
            return scenario(row.scenarioHash()).compose(scenario -> {
                requirePersona(scenario, persona);
                return db.tx(c -> {
                    if (!repo.setMode(c, row.id(), persona.name())) {
                        throw new SessionEnded(row.id(), "ended");
                    }
                    return persona;
                });
            });
        });
    }

    private void requirePersona(Scenario scenario, Scenario.Mode persona) {
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

    private static Scenario.Mode persona(SessionRow row) {
        return Scenario.Mode.valueOf(row.mode());
    }

    private Future<Void> commitTurn(SessionRow row, Step step, Spoken spoken,
                                    Optional<PracticeRepository.KeyedTurnRequest> request) {
        Turn turn = step.turn();
        String stateJson = json.write(step.after());
        String turnJson = json.write(turn);
        return db.tx(c -> {
            try {
                // The guarded update first: it takes the row lock, so a racing node waits and then finds the
                // turn count moved on. The primary key on (session, number) is the second line of defence.
                if (!repo.advance(c, row.id(), row.turnCount(), stateJson, step.after().ending(), clock.millis())) {
                    throw new TurnConflict(row.id());
                }
                repo.insertTurn(c, row.id(), new TurnRow(turn.number(), turn.rep(), spoken.text(), turn.prospect(),
                        spoken.source().name(), turnJson, stateJson, clock.millis()));
                // the key's primary key refuses a second turn under it, whatever turn number that one took
                if (request.isPresent()) {
                    repo.insertTurnRequest(c, row.id(), request.get().key(), request.get().row(), clock.millis());
                }
            } catch (SQLException e) {
                if (isConcurrencyFailure(e)) {
                    throw new TurnConflict(row.id());
                }
                throw e;
            }
            return (Void) null;
        }).onFailure(e -> {
            if (e instanceof TurnConflict) {
                metrics.turnConflict();
            }
        });
    }

    private static boolean isConcurrencyFailure(SQLException e) {
        String state = e.getSQLState();
        // 23505 unique violation (both), 40001 serialization failure (PostgreSQL), 90131 concurrent update (H2)
        return state != null && (state.equals("23505") || state.equals("40001") || state.equals("90131"));
    }

    /** Ends the session if it is open (only its rep may) and returns its report; the same report every time. */
    public Future<SessionReport> end(Caller caller, String sessionId) {
        return session(caller, sessionId).compose(row -> {
            if (row.ended()) {
                return Future.succeededFuture((Void) null);
            }
            requireOwner(caller, row);
            return scenario(row.scenarioHash())
                    .compose(scenario -> work(() -> engines.forScenario(scenario)
                            .endByRep(json.read(row.stateJson(), ProspectState.class))))
                    .compose(after -> db.tx(c -> {
                        boolean ended = repo.end(c, row.id(), row.turnCount(), json.write(after),
                                after.ending().orElseThrow(), clock.millis());
                        if (!ended && !repo.session(c, row.id()).map(SessionRow::ended).orElse(false)) {
                            throw new TurnConflict(row.id());
                        }
                        return ended;
                    }))
                    .map(endedNow -> {
                        if (endedNow) {
                            metrics.sessionEnded();
                        }
                        return (Void) null;
                    });
        }).compose(v -> ensureReport(sessionId)).compose(v -> report(caller, sessionId));
    }

    // ---- reading

    public Future<SessionTranscript> transcript(Caller caller, String sessionId) {
        return db.tx(c -> {
            Optional<SessionRow> row = repo.session(c, sessionId);
            if (row.isEmpty() || !SessionAccess.canSee(caller.user(), row.get())) {
                throw new SessionNotFound(sessionId);
            }
            return new Loaded(row.get(), repo.turns(c, sessionId), repo.comments(c, sessionId));
        }).map(loaded -> {
            SessionRow row = loaded.row();
            List<TranscriptTurn> out = new ArrayList<>();
            for (TurnRow t : loaded.turns()) {
                Optional<Turn> analysis = row.ended() ? Optional.of(json.read(t.turnJson(), Turn.class)) : Optional.empty();
                List<TurnComment> forTurn = loaded.comments().stream().filter(k -> k.turnNumber() == t.number())
                        .map(ConversationService::comment).toList();
                out.add(new TranscriptTurn(t.number(), t.repText(), t.reply(), analysis, forTurn,
                        ReplySource.valueOf(t.replySource())));
            }
            return new SessionTranscript(summary(row), row.opening(), out);
        });
    }

    public Future<SessionReport> report(Caller caller, String sessionId) {
        return session(caller, sessionId).compose(row -> {
            if (!row.ended()) {
                throw new SessionOpen(sessionId);
            }
            return ensureReport(sessionId);
        }).compose(report -> db.tx(c -> repo.overrides(c, sessionId)).map(overrides -> {
            List<ScoreOverride> list = overrides.stream().map(ConversationService::override).toList();
            return new SessionReport(sessionId, report, list, ScoresInEffect.of(report,
                    list.stream().map(o -> new ScoresInEffect.Change(o.dimension(), o.score())).toList()));
        }));
    }

    /** The stored report, computing and storing it first if the session ended without one. */
    private Future<Report> ensureReport(String sessionId) {
        // Read without waiting for disk: a report computed from this is stored by a write that waits for a sync
        // covering what was read, and a stored report found here is the same one every node computes.
        return db.lookup(c -> {
            SessionRow row = repo.session(c, sessionId).orElseThrow(() -> new SessionNotFound(sessionId));
            return new Loaded(row, row.reportJson().isPresent() ? List.of() : repo.turns(c, sessionId), List.of());
        }).compose(loaded -> {
            SessionRow row = loaded.row();
            if (row.reportJson().isPresent()) {
                return Future.succeededFuture(readReport(row.reportJson().get()));
            }
            List<TurnRow> turnRows = loaded.turns();
            return scenario(row.scenarioHash()).compose(scenario -> work(() -> {
                Engine engine = engines.forScenario(scenario);
                List<Turn> turns = turnRows.stream().map(t -> json.read(t.turnJson(), Turn.class)).toList();
                ProspectState last = json.read(row.stateJson(), ProspectState.class);
                return scorer.score(engine, Transcript.of(engine, row.opening(), turns, last));
            })).compose(report -> {
                String reportJson = json.write(report);
                return db.tx(c -> {
                    repo.storeReport(c, sessionId, reportJson, Optional.of(report.overall()), Optional.of(report.passed()));
                    return repo.session(c, sessionId).flatMap(SessionRow::reportJson).orElse(reportJson);
                }).map(this::readReport);
            });
        });
    }

    /**
     * A stored report. One stored before reports said whether the call reached a success ending counts as one, as it
     * did when it was made.
     */
    private Report readReport(String reportJson) {
        JsonNode tree = json.tree(reportJson);
        if (tree.path("outcome") instanceof ObjectNode outcome && !outcome.has("success")) {
            outcome.put("success", true);
        }
        return json.read(tree, Report.class);
    }

    /**
     * The written debrief of an ended session the caller may see: the stored one if there is one, else asks the model
     * for it and stores it. The report and its scores are read, never written: the debrief is separate text, marked
     * as the model's wherever it is shown. Fails with {@link PersonaUnavailable} when no model can be had.
     */
    public Future<String> writeDebrief(Caller caller, String sessionId) {
        return report(caller, sessionId).compose(report -> db.tx(c -> debriefs.debrief(c, sessionId)).compose(stored -> {
            if (stored.isPresent()) {
                return Future.succeededFuture(stored.get());
            }
            Promise<String> mine = Promise.promise();
            Future<String> running = writing.putIfAbsent(sessionId, mine.future());
            if (running != null) {
                return running;
            }
            askDebrief(caller, sessionId, report).onComplete(ar -> {
                writing.remove(sessionId, mine.future());
                mine.handle(ar);
            });
            return mine.future();
        }));
    }

    private Future<String> askDebrief(Caller caller, String sessionId, SessionReport report) {
        return transcript(caller, sessionId).compose(t ->
                        session(caller, sessionId).compose(row -> scenario(row.scenarioHash()).compose(scenario -> {
                            History call = History.start(t.opening());
                            for (TranscriptTurn turn : t.turns()) {
                                call = call.then(turn.rep(), turn.reply());
                            }
                            List<String> revealed = json.read(row.stateJson(), ProspectState.class).revealed();
                            return llm.write(DebriefPrompt.messages(scenario, call, revealed,
                                    report.effectiveScores(), scenario.rubric().pass()));
                        })))
                .recover(e -> Future.failedFuture(unavailableDebrief(sessionId, e)))
                .compose(text -> db.tx(c -> debriefs.store(c, sessionId, text)));
    }

    private static Throwable unavailableDebrief(String sessionId, Throwable e) {
        if (e instanceof LockedFactInPrompt locked) {
            LOG.error("session {}: debrief not asked for: {}", sessionId, locked.getMessage());
            return new PersonaUnavailable("A written debrief cannot be made for this session: the scenario's persona "
                    + "names something the prospect never revealed, and that is not sent to the language model.");
        }
        return e instanceof LlmUnavailable ? new PersonaUnavailable(e.getMessage()) : e;
    }

    /** The stored written debrief of a session the caller may see, if one was asked for. */
    public Future<Optional<String>> debrief(Caller caller, String sessionId) {
        return db.tx(c -> {
            visible(caller, repo.session(c, sessionId), sessionId);
            return debriefs.debrief(c, sessionId);
        });
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
        return db.tx(c -> repo.sessions(c, query)).map(rows -> rows.stream().map(this::summary).toList());
    }

    private static PracticeRepository.Query query(Optional<Long> userId, Optional<Long> repsOfTeam, SessionFilter f) {
        return new PracticeRepository.Query(userId, repsOfTeam, f.rep(), f.scenario(), f.from().map(Instant::toEpochMilli),
                f.to().map(Instant::toEpochMilli), f.limit());
    }

    // ---- reviewing

    public Future<TurnComment> comment(Caller caller, String sessionId, int turn, String text) {
        checkText("text", text, MAX_COMMENT);
        return db.tx(c -> {
            SessionRow row = visible(caller, repo.session(c, sessionId), sessionId);
            requireReviewer(caller, row);
            if (turn < 1 || turn > row.turnCount()) {
                throw new TurnNotFound(sessionId, turn);
            }
            long now = clock.millis();
            long id = repo.insertComment(c, sessionId, turn, caller.user().id(), text, now);
            return new TurnComment(id, turn, caller.user().username(), text, Instant.ofEpochMilli(now));
        });
    }

    public Future<ScoreOverride> override(Caller caller, String sessionId, String dimension, int score, String reason) {
        if (dimension == null || dimension.isBlank()) {
            throw new InvalidInput("dimension", "dimension is required");
        }
        if (score < 0 || score > 100) {
            throw new InvalidInput("score", "score must be between 0 and 100");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "reason is required: say why the score is overridden");
        }
        checkText("reason", reason, MAX_COMMENT);
        return session(caller, sessionId).compose(row -> {
            requireReviewer(caller, row);
            if (!row.ended()) {
                throw new SessionOpen(sessionId);
            }
            return ensureReport(sessionId);
        }).compose(report -> {
            Map<String, Integer> computed = ScoresInEffect.computed(report);
            if (!computed.containsKey(dimension)) {
                throw new InvalidInput("dimension", "dimension must be one of " + String.join(", ", computed.keySet()));
            }
            long now = clock.millis();
            return db.tx(c -> {
                // One reviewer at a time per session, so that the scores stored for the lists count every override.
                repo.lockSession(c, sessionId);
                long id = repo.insertOverride(c, sessionId, dimension, Optional.of(computed.get(dimension)), score,
                        reason, caller.user().id(), now);
                ScoresInEffect inEffect = ScoresInEffect.of(report, repo.overrides(c, sessionId).stream()
                        .map(o -> new ScoresInEffect.Change(o.dimension(), o.score())).toList());
                repo.storeScoresInEffect(c, sessionId, inEffect.overall(), inEffect.passed());
                return new ScoreOverride(id, dimension, Optional.of(computed.get(dimension)), score, reason,
                        caller.user().username(), Instant.ofEpochMilli(now));
            });
        });
    }

    // ---- access

    private Future<SessionRow> session(Caller caller, String sessionId) {
        return db.tx(c -> visible(caller, repo.session(c, sessionId), sessionId));
    }

    /** Whether the caller may comment on and override the scores of this session (see {@link SessionAccess}). */
    public Future<Boolean> mayReview(Caller caller, String sessionId) {
        return session(caller, sessionId).map(row -> SessionAccess.canReview(caller.user(), row));
    }

    /** The session if the caller may know it exists; otherwise a 404 that says nothing more. */
    private static SessionRow visible(Caller caller, Optional<SessionRow> row, String sessionId) {
        if (row.isEmpty() || !SessionAccess.canSee(caller.user(), row.get())) {
            throw new SessionNotFound(sessionId);
        }
        return row.get();
    }

    private static void requireOwner(Caller caller, SessionRow row) {
        if (row.userId() != caller.user().id()) {
            throw new Forbidden("only the rep who started this session can play it");
        }
    }

    private static void requireReviewer(Caller caller, SessionRow row) {
        if (!SessionAccess.canReview(caller.user(), row)) {
            throw new Forbidden(row.userId() == caller.user().id()
                    ? "nobody reviews their own session: a manager of the rep's team or an admin does"
                    : "only a manager of the rep's team or an admin can review this session");
        }
    }

    // ---- helpers

    private Future<Scenario> scenario(String hash) {
        for (ScenarioVersion v : catalog.current()) {
            if (v.hash().equals(hash)) {
                return Future.succeededFuture(v.scenario());
            }
        }
        Scenario cached = stored.getIfPresent(hash);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return db.tx(c -> repo.version(c, hash).orElseThrow(() -> new IllegalStateException(
                        "scenario version " + hash + " is missing from the database")))
                .compose(v -> work(() -> {
                    Scenario s = catalog.parse(v.content(), v.source());
                    stored.put(hash, s);
                    return s;
                }));
    }

    private <T> Future<T> work(Callable<T> callable) {
        return compute.executeBlocking(callable, false);
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void checkText(String field, String text, int max) {
        VisibleText.check(field, text, max);
    }

    private SessionSummary summary(SessionRow row) {
        return new SessionSummary(row.id(), row.scenarioId(), row.scenarioTitle(), row.username(), row.team(),
                row.ended() ? "ended" : "open", row.ending(), Instant.ofEpochMilli(row.startedAt()),
                row.endedAt().map(Instant::ofEpochMilli), row.turnCount(), row.overallScore(), row.passed(),
                row.mode());
    }

    private record Opening(String line, String stateJson) {
    }

    /** The words the rep is shown for a turn, and where they came from. */
    private record Spoken(String text, ReplySource source, Optional<String> notice) {
    }

    /** A turn being taken; a cancel before the model is asked stops it there, after that it stops the model. */
    private static final class LiveTurn implements TurnInProgress {
        private final Promise<TurnReply> promise = Promise.promise();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Speech speech;
        private volatile boolean replayed;

        @Override
        public boolean replayed() {
            return replayed;
        }

        @Override
        public Future<TurnReply> reply() {
            return promise.future();
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                Speech s = speech;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        boolean cancelled() {
            return cancelled.get();
        }

        void attach(Speech s) {
            speech = s;
            if (cancelled.get()) {
                s.cancel();
            }
        }
    }

    private record Loaded(SessionRow row, List<TurnRow> turns, List<PracticeRepository.CommentRow> comments) {
    }

    private static TurnComment comment(PracticeRepository.CommentRow k) {
        return new TurnComment(k.id(), k.turnNumber(), k.author(), k.text(), Instant.ofEpochMilli(k.createdAt()));
    }

    private static ScoreOverride override(PracticeRepository.OverrideRow o) {
        return new ScoreOverride(o.id(), o.dimension(), o.originalScore(), o.score(), o.reason(), o.author(),
                Instant.ofEpochMilli(o.createdAt()));
    }
}
