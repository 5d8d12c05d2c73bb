package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.DebriefRepository;
import io.dtrcoach.server.persistence.PracticeRepository;
import io.dtrcoach.server.persistence.PracticeRepository.CommentRow;
import io.dtrcoach.server.persistence.PracticeRepository.OverrideRow;
import io.dtrcoach.server.persistence.PracticeRepository.SessionRow;
import io.dtrcoach.server.persistence.PracticeRepository.TurnRequestRow;
import io.dtrcoach.server.persistence.PracticeRepository.TurnRow;
import io.dtrcoach.server.persistence.PracticeRepository.VersionRow;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The practice tables as the services see them: typed values in and out. It owns what the rows hold as JSON (the
 * prospect's state, each turn, an answer kept under an Idempotency-Key, the report), the time every row is written at,
 * and the SQL details: which SQLSTATE means that another request won a race ({@link TurnConflict}). Each
 * {@link #tx} or {@link #lookup} is one transaction on the database's worker pool; {@link Tx} is what it may do.
 */
final class SessionStore {
    private final AsyncDatabase db;
    private final PracticeRepository repo = new PracticeRepository();
    private final DebriefRepository debriefs = new DebriefRepository();
    private final Codec codec;
    private final Clock clock;

    SessionStore(AsyncDatabase db, Json json, Clock clock) {
        this.db = db;
        this.codec = new Codec(json);
        this.clock = clock;
    }

    /** What one transaction does with the practice tables. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    <T> Future<T> tx(Work<T> work) {
        return db.tx(c -> work.run(new Tx(c)));
    }

    /** A transaction that does not wait for disk before answering; only where {@link AsyncDatabase#lookup} says. */
    <T> Future<T> lookup(Work<T> work) {
        return db.lookup(c -> work.run(new Tx(c)));
    }

    /** The session if the caller may see it ({@link SessionAccess#visible}), read in a transaction of its own. */
    Future<StoredSession> visible(Caller caller, String sessionId) {
        return tx(t -> SessionAccess.visible(caller, t.session(sessionId), sessionId));
    }

    /** An answer stored under an Idempotency-Key: the hash of the text it was sent with, and the reply. */
    record StoredAnswer(String requestHash, TurnReply reply) {
    }

    /** The operations of one transaction. */
    final class Tx {
        private final Connection c;

        private Tx(Connection c) {
            this.c = c;
        }

        // ---- sessions

        Optional<StoredSession> session(String id) throws SQLException {
            return repo.session(c, id).map(row -> new StoredSession(row, codec));
        }

        List<SessionSummary> summaries(PracticeRepository.Query query) throws SQLException {
            return repo.sessions(c, query).stream().map(StoredSession::summary).toList();
        }

        void insertSession(String id, User user, ScenarioVersion version, Scenario.Mode persona, long seed,
                           String opening, ProspectState state) throws SQLException {
            repo.insertSession(c, id, user.id(), user.teamId(), version.scenario().id(), version.hash(), persona.name(),
                    seed, opening, codec.json.write(state), clock.millis());
        }

        boolean markReviewed(String id, User by) throws SQLException {
            return repo.markReviewed(c, id, by.id(), clock.millis());
        }

        java.util.Set<String> reviewed(java.util.Collection<String> ids) throws SQLException {
            return repo.reviewed(c, ids);
        }

        List<String> abandoned(long cutoff, int limit) throws SQLException {
            return repo.abandoned(c, cutoff, limit);
        }

        /** Sets the persona kind of an open session; false if it has ended. */
        boolean setPersona(String id, Scenario.Mode persona) throws SQLException {
            return repo.setMode(c, id, persona.name());
        }

        /**
         * Ends the session at the turn it was read at; false if it had ended already.
         *
         * @throws TurnConflict if it moved on meanwhile
         */
        boolean end(StoredSession s, ProspectState after) throws SQLException {
            boolean ended = repo.end(c, s.id(), s.turnCount(), codec.json.write(after), after.ending().orElseThrow(),
                    clock.millis());
            if (!ended && !repo.session(c, s.id()).map(SessionRow::ended).orElse(false)) {
                throw new TurnConflict(s.id());
            }
            return ended;
        }

        /** Holds the session's row until the transaction ends: concurrent reviewers of one session take turns. */
        void lock(String sessionId) throws SQLException {
            repo.lockSession(c, sessionId);
        }

        // ---- turns

        List<StoredTurn> turns(String sessionId) throws SQLException {
            return repo.turns(c, sessionId).stream().map(row -> new StoredTurn(row, codec)).toList();
        }

        /**
         * Stores the turn and moves the session on to it, with the answer kept under the client's key if there is one.
         *
         * @throws TurnConflict if another request (on this node or another) took this turn first, or took a turn under
         *                      the same key
         */
        void commitTurn(StoredSession s, Step step, String words, ReplySource source, Optional<TurnKey> key,
                        TurnReply reply) throws SQLException {
            Turn turn = step.turn();
            String stateJson = codec.json.write(step.after());
            try {
                // The guarded update first: it takes the row lock, so a racing node waits and then finds the
                // turn count moved on. The primary key on (session, number) is the second line of defence.
                if (!repo.advance(c, s.id(), s.turnCount(), stateJson, step.after().ending(), clock.millis())) {
                    throw new TurnConflict(s.id());
                }
                repo.insertTurn(c, s.id(), new TurnRow(turn.number(), turn.rep(), words, turn.prospect(), source.name(),
                        codec.json.write(turn), stateJson, clock.millis()));
                // the key's primary key refuses a second turn under it, whatever turn number that one took
                if (key.isPresent()) {
                    repo.insertTurnRequest(c, s.id(), key.get().key(), new TurnRequestRow(key.get().requestHash(),
                            reply.turn(), codec.json.write(reply)), clock.millis());
                }
            } catch (SQLException e) {
                if (isConcurrencyFailure(e)) {
                    throw new TurnConflict(s.id());
                }
                throw e;
            }
        }

        Optional<StoredAnswer> answer(String sessionId, String key) throws SQLException {
            return repo.turnRequest(c, sessionId, key).map(r -> new StoredAnswer(r.requestHash(),
                    codec.json.read(r.responseJson(), TurnReply.class)));
        }

        // ---- reports, comments, overrides, debriefs

        /** Stores the report unless one is stored already (every node computes the same one); returns the stored one. */
        Report storeReport(String sessionId, Report report) throws SQLException {
            String reportJson = codec.json.write(report);
            repo.storeReport(c, sessionId, reportJson, Optional.of(report.overall()), Optional.of(report.passed()));
            return codec.report(repo.session(c, sessionId).flatMap(SessionRow::reportJson).orElse(reportJson));
        }

        List<TurnComment> comments(String sessionId) throws SQLException {
            return repo.comments(c, sessionId).stream().map(Tx::comment).toList();
        }

        TurnComment insertComment(String sessionId, int turn, User author, String text) throws SQLException {
            long now = clock.millis();
            long id = repo.insertComment(c, sessionId, turn, author.id(), text, now);
            return new TurnComment(id, turn, author.username(), text, Instant.ofEpochMilli(now));
        }

        List<ScoreOverride> overrides(String sessionId) throws SQLException {
            return repo.overrides(c, sessionId).stream().map(Tx::override).toList();
        }

        ScoreOverride insertOverride(String sessionId, String dimension, int original, int score, String reason,
                                     User author) throws SQLException {
            long now = clock.millis();
            long id = repo.insertOverride(c, sessionId, dimension, Optional.of(original), score, reason, author.id(), now);
            return new ScoreOverride(id, dimension, Optional.of(original), score, reason, author.username(),
                    Instant.ofEpochMilli(now));
        }

        /** The overall and pass in effect after the overrides, for the lists; the stored report keeps its own. */
        void storeScoresInEffect(String sessionId, int overall, boolean passed) throws SQLException {
            repo.storeScoresInEffect(c, sessionId, overall, passed);
        }

        Optional<String> debrief(String sessionId) throws SQLException {
            return debriefs.debrief(c, sessionId);
        }

        /** Stores the debrief unless one is stored already; returns the one stored. */
        String storeDebrief(String sessionId, String text) throws SQLException {
            return debriefs.store(c, sessionId, text);
        }

        // ---- scenario versions

        boolean hasVersion(String hash) throws SQLException {
            return repo.hasVersion(c, hash);
        }

        void insertVersion(ScenarioVersion v) throws SQLException {
            repo.insertVersion(c, new VersionRow(v.hash(), v.scenario().id(), v.scenario().title(), v.scenario().source(),
                    v.content()), clock.millis());
        }

        Optional<VersionRow> version(String hash) throws SQLException {
            return repo.version(c, hash);
        }

        private static TurnComment comment(CommentRow k) {
            return new TurnComment(k.id(), k.turnNumber(), k.author(), k.text(), Instant.ofEpochMilli(k.createdAt()));
        }

        private static ScoreOverride override(OverrideRow o) {
            return new ScoreOverride(o.id(), o.dimension(), o.originalScore(), o.score(), o.reason(), o.author(),
                    Instant.ofEpochMilli(o.createdAt()));
        }
    }

    private static boolean isConcurrencyFailure(SQLException e) {
        String state = e.getSQLState();
        // 23505 unique violation (both), 40001 serialization failure (PostgreSQL), 90131 concurrent update (H2)
        return state != null && (state.equals("23505") || state.equals("40001") || state.equals("90131"));
    }

    /** The JSON the rows hold. */
    static final class Codec {
        private final Json json;

        private Codec(Json json) {
            this.json = json;
        }

        ProspectState state(String stateJson) {
            return json.read(stateJson, ProspectState.class);
        }

        Turn turn(String turnJson) {
            return json.read(turnJson, Turn.class);
        }

        /**
         * A stored report. One stored before reports said whether the call reached a success ending counts as one, as
         * it did when it was made.
         */
        Report report(String reportJson) {
            JsonNode tree = json.tree(reportJson);
            if (tree.path("outcome") instanceof ObjectNode outcome && !outcome.has("success")) {
                outcome.put("success", true);
            }
            return json.read(tree, Report.class);
        }
    }
}
