package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Practice sessions, their turns, scenario versions, comments and score overrides over JDBC. Every method runs
 * inside the caller's transaction. Engine state and turns are stored as JSON text made by the caller.
 */
public final class PracticeRepository {
    private static final String SESSION_COLUMNS = "s.id, s.user_id, u.username, u.role AS user_role, s.team_id, "
            + "t.name AS team_name, s.scenario_id, v.title, s.scenario_hash, s.mode, s.seed, s.opening, s.turn_count, "
            + "s.state_json, s.ended, s.ending, s.started_at, s.ended_at, s.report_json, s.overall_score, s.passed";
    private static final String SESSION_FROM = " FROM practice_sessions s JOIN users u ON u.id = s.user_id"
            + " LEFT JOIN teams t ON t.id = s.team_id JOIN scenario_versions v ON v.content_hash = s.scenario_hash";

    /**
     * @param userRole the rep's role now (a {@code Role} name)
     * @param teamId   the team the session was recorded under (the rep's team when it started), not the rep's now
     */
    public record SessionRow(String id, long userId, String username, String userRole, Optional<Long> teamId,
                             Optional<String> team, String scenarioId, String scenarioTitle, String scenarioHash,
                             String mode, long seed, String opening, int turnCount, String stateJson, boolean ended,
                             Optional<String> ending, long startedAt, Optional<Long> endedAt,
                             Optional<String> reportJson, Optional<Integer> overallScore, Optional<Boolean> passed) {
    }

    /**
     * @param reply         the words the rep saw: the scripted line, or for an LLM persona the model's words
     * @param scriptedReply the engine's scripted line for the turn (equal to {@code reply} for a scripted persona)
     * @param replySource   where {@code reply} came from (a {@code ReplySource} name)
     */
    public record TurnRow(int number, String repText, String reply, String scriptedReply, String replySource,
                          String turnJson, String stateAfterJson, long createdAt) {
    }

    public record CommentRow(long id, int turnNumber, String author, String text, long createdAt) {
    }

    public record OverrideRow(long id, String dimension, Optional<Integer> originalScore, int score, String reason,
                              String author, long createdAt) {
    }

    public record VersionRow(String hash, String scenarioId, String title, String source, String content) {
    }

    /** A turn taken under an Idempotency-Key: what was asked (its hash) and what was answered. */
    public record TurnRequestRow(String requestHash, int turnNumber, String responseJson) {
    }

    /**
     * Whose sessions: {@code userId} alone, that user's; {@code repsOfTeam} alone, the sessions reps recorded under that
     * team; both, either of those; neither, anyone's. The other fields narrow that down.
     */
    public record Query(Optional<Long> userId, Optional<Long> repsOfTeam, Optional<String> username,
                        Optional<String> scenarioId, Optional<Long> from, Optional<Long> to, int limit) {
    }

    // ---- scenario versions

    public boolean hasVersion(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM scenario_versions WHERE content_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void insertVersion(Connection c, VersionRow v, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scenario_versions "
                + "(content_hash, scenario_id, title, source, content, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, v.hash());
            ps.setString(2, v.scenarioId());
            ps.setString(3, v.title());
            ps.setString(4, v.source());
            ps.setString(5, v.content());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    public Optional<VersionRow> version(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content_hash, scenario_id, title, source, content FROM scenario_versions WHERE content_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new VersionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                        : Optional.empty();
            }
        }
    }

    // ---- sessions

    /** @param teamId the rep's team now: the session stays with it whatever team the rep is in later */
    public void insertSession(Connection c, String id, long userId, Optional<Long> teamId, String scenarioId,
                              String scenarioHash, String mode, long seed, String opening, String stateJson, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO practice_sessions (id, user_id, scenario_id, "
                + "scenario_hash, mode, seed, opening, turn_count, state_json, ended, started_at, team_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, userId);
            ps.setString(3, scenarioId);
            ps.setString(4, scenarioHash);
            ps.setString(5, mode);
            ps.setLong(6, seed);
            ps.setString(7, opening);
            ps.setString(8, stateJson);
            ps.setLong(9, now);
            if (teamId.isPresent()) {
                ps.setLong(10, teamId.get());
            } else {
                ps.setNull(10, Types.BIGINT);
            }
            ps.executeUpdate();
        }
    }

    public Optional<SessionRow> session(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS + SESSION_FROM + " WHERE s.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sessionRow(rs)) : Optional.empty();
            }
        }
    }

    public List<SessionRow> sessions(Connection c, Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + SESSION_COLUMNS + SESSION_FROM + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.userId().isPresent() && q.repsOfTeam().isPresent()) {
            sql.append(" AND (s.user_id = ? OR (s.team_id = ? AND u.role = 'rep'))");
            args.add(q.userId().get());
            args.add(q.repsOfTeam().get());
        } else {
            q.userId().ifPresent(v -> { sql.append(" AND s.user_id = ?"); args.add(v); });
            q.repsOfTeam().ifPresent(v -> { sql.append(" AND s.team_id = ? AND u.role = 'rep'"); args.add(v); });
        }
        q.username().ifPresent(v -> { sql.append(" AND u.username = ?"); args.add(v); });
        q.scenarioId().ifPresent(v -> { sql.append(" AND s.scenario_id = ?"); args.add(v); });
        q.from().ifPresent(v -> { sql.append(" AND s.started_at >= ?"); args.add(v); });
        q.to().ifPresent(v -> { sql.append(" AND s.started_at < ?"); args.add(v); });
        sql.append(" ORDER BY s.started_at DESC, s.id LIMIT ").append(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
            List<SessionRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(sessionRow(rs));
                }
            }
            return out;
        }
    }

    /**
     * Moves a session from turn {@code expectedTurn} to {@code expectedTurn + 1}. The check on the turn count
     * makes it safe for two nodes to race on one session: exactly one update wins.
     *
     * @return false when the session was not at {@code expectedTurn} or had ended
     */
    public boolean advance(Connection c, String id, int expectedTurn, String stateJson, Optional<String> ending,
                           long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE practice_sessions SET turn_count = ?, state_json = ?, "
                + "ended = ?, ending = ?, ended_at = ? WHERE id = ? AND turn_count = ? AND ended = FALSE")) {
            ps.setInt(1, expectedTurn + 1);
            ps.setString(2, stateJson);
            ps.setBoolean(3, ending.isPresent());
            setString(ps, 4, ending);
            if (ending.isPresent()) {
                ps.setLong(5, now);
            } else {
                ps.setNull(5, Types.BIGINT);
            }
            ps.setString(6, id);
            ps.setInt(7, expectedTurn);
            return ps.executeUpdate() == 1;
        }
    }

    /** Ends an open session at {@code expectedTurn}; false if it moved on or ended meanwhile. */
    public boolean end(Connection c, String id, int expectedTurn, String stateJson, String ending, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE practice_sessions SET state_json = ?, ended = TRUE, "
                + "ending = ?, ended_at = ? WHERE id = ? AND turn_count = ? AND ended = FALSE")) {
            ps.setString(1, stateJson);
            ps.setString(2, ending);
            ps.setLong(3, now);
            ps.setString(4, id);
            ps.setInt(5, expectedTurn);
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks the session reviewed by this user, unless it is already; false if it was. */
    public boolean markReviewed(Connection c, String id, long by, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE practice_sessions SET reviewed_at = ?, reviewed_by = ? "
                + "WHERE id = ? AND reviewed_at IS NULL")) {
            ps.setLong(1, now);
            ps.setLong(2, by);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Which of these sessions (at most a few hundred) have been marked reviewed. */
    public java.util.Set<String> reviewed(Connection c, java.util.Collection<String> ids) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM practice_sessions WHERE reviewed_at IS NOT NULL "
                + "AND id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Open sessions with no turn since {@code cutoff} (and started before it), at most {@code limit}. */
    public List<String> abandoned(Connection c, long cutoff, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id FROM practice_sessions s WHERE s.ended = FALSE "
                + "AND s.started_at < ? AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id "
                + "AND t.created_at >= ?) ORDER BY s.started_at")) {
            ps.setLong(1, cutoff);
            ps.setLong(2, cutoff);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Sets the persona kind of an open session; false if it has ended (or does not exist). */
    public boolean setMode(Connection c, String id, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE practice_sessions SET mode = ? WHERE id = ? AND ended = FALSE")) {
            ps.setString(1, mode);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Stores the report unless one is stored already (every node computes the same one). */
    public void storeReport(Connection c, String id, String reportJson, Optional<Integer> overall,
                            Optional<Boolean> passed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE practice_sessions SET report_json = ?, overall_score = ?, "
                + "passed = ? WHERE id = ? AND report_json IS NULL")) {
            ps.setString(1, reportJson);
            if (overall.isPresent()) {
                ps.setInt(2, overall.get());
            } else {
                ps.setNull(2, Types.INTEGER);
            }
            if (passed.isPresent()) {
                ps.setBoolean(3, passed.get());
            } else {
                ps.setNull(3, Types.BOOLEAN);
            }
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    // ---- turns

    public void insertTurn(Connection c, String sessionId, TurnRow t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO turns (session_id, number, rep_text, reply, "
                + "scripted_reply, reply_source, turn_json, state_after_json, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setInt(2, t.number());
            ps.setString(3, t.repText());
            ps.setString(4, t.reply());
            ps.setString(5, t.scriptedReply());
            ps.setString(6, t.replySource());
            ps.setString(7, t.turnJson());
            ps.setString(8, t.stateAfterJson());
            ps.setLong(9, t.createdAt());
            ps.executeUpdate();
        }
    }

    public List<TurnRow> turns(Connection c, String sessionId) throws SQLException {
        List<TurnRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, rep_text, reply, scripted_reply, reply_source, "
                + "turn_json, state_after_json, created_at FROM turns WHERE session_id = ? ORDER BY number")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TurnRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                }
            }
        }
        return out;
    }

    // ---- idempotency keys

    public Optional<TurnRequestRow> turnRequest(Connection c, String sessionId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, turn_number, response_json "
                + "FROM turn_requests WHERE session_id = ? AND idem_key = ?")) {
            ps.setString(1, sessionId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TurnRequestRow(rs.getString(1), rs.getInt(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Fails with a unique violation (23505) when the key is already stored for the session. */
    public void insertTurnRequest(Connection c, String sessionId, String key, TurnRequestRow row, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO turn_requests (session_id, idem_key, request_hash, "
                + "turn_number, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setString(2, key);
            ps.setString(3, row.requestHash());
            ps.setInt(4, row.turnNumber());
            ps.setString(5, row.responseJson());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    // ---- comments and overrides

    public long insertComment(Connection c, String sessionId, int turn, long authorId, String text, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO turn_comments (session_id, turn_number, author_id, "
                + "text, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, sessionId);
            ps.setInt(2, turn);
            ps.setLong(3, authorId);
            ps.setString(4, text);
            ps.setLong(5, now);
            ps.executeUpdate();
            return UserRepository.generatedId(ps);
        }
    }

    public List<CommentRow> comments(Connection c, String sessionId) throws SQLException {
        List<CommentRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.id, k.turn_number, u.username, k.text, k.created_at "
                + "FROM turn_comments k JOIN users u ON u.id = k.author_id WHERE k.session_id = ? ORDER BY k.id")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommentRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    public long insertOverride(Connection c, String sessionId, String dimension, Optional<Integer> original, int score,
                               String reason, long authorId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO score_overrides (session_id, dimension, "
                + "original_score, score, reason, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, sessionId);
            ps.setString(2, dimension);
            if (original.isPresent()) {
                ps.setInt(3, original.get());
            } else {
                ps.setNull(3, Types.INTEGER);
            }
            ps.setInt(4, score);
            ps.setString(5, reason);
            ps.setLong(6, authorId);
            ps.setLong(7, now);
            ps.executeUpdate();
            return UserRepository.generatedId(ps);
        }
    }

    /** Holds the session's row until the transaction ends: concurrent reviewers of one session take turns. */
    public void lockSession(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM practice_sessions WHERE id = ? FOR UPDATE")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no practice session " + sessionId);
                }
            }
        }
    }

    /**
     * The overall score and pass in effect after a reviewer's override, for the lists, the CSV export and the rep's
     * history; the stored report keeps the computed ones.
     */
    public void storeScoresInEffect(Connection c, String sessionId, int overall, boolean passed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE practice_sessions SET overall_score = ?, passed = ? WHERE id = ?")) {
            ps.setInt(1, overall);
            ps.setBoolean(2, passed);
            ps.setString(3, sessionId);
            ps.executeUpdate();
        }
    }

    public List<OverrideRow> overrides(Connection c, String sessionId) throws SQLException {
        List<OverrideRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.dimension, o.original_score, o.score, o.reason, "
                + "u.username, o.created_at FROM score_overrides o JOIN users u ON u.id = o.author_id "
                + "WHERE o.session_id = ? ORDER BY o.id")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int original = rs.getInt(3);
                    Optional<Integer> orig = rs.wasNull() ? Optional.empty() : Optional.of(original);
                    out.add(new OverrideRow(rs.getLong(1), rs.getString(2), orig, rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    private static SessionRow sessionRow(ResultSet rs) throws SQLException {
        long team = rs.getLong("team_id");
        Optional<Long> teamId = rs.wasNull() ? Optional.empty() : Optional.of(team);
        long endedAt = rs.getLong("ended_at");
        Optional<Long> ended = rs.wasNull() ? Optional.empty() : Optional.of(endedAt);
        int overall = rs.getInt("overall_score");
        Optional<Integer> overallScore = rs.wasNull() ? Optional.empty() : Optional.of(overall);
        boolean passed = rs.getBoolean("passed");
        Optional<Boolean> passedOpt = rs.wasNull() ? Optional.empty() : Optional.of(passed);
        return new SessionRow(rs.getString("id"), rs.getLong("user_id"), rs.getString("username"),
                rs.getString("user_role"), teamId,
                Optional.ofNullable(rs.getString("team_name")), rs.getString("scenario_id"), rs.getString("title"),
                rs.getString("scenario_hash"), rs.getString("mode"), rs.getLong("seed"), rs.getString("opening"),
                rs.getInt("turn_count"), rs.getString("state_json"), rs.getBoolean("ended"),
                Optional.ofNullable(rs.getString("ending")), rs.getLong("started_at"), ended,
                Optional.ofNullable(rs.getString("report_json")), overallScore, passedOpt);
    }

    private static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }
}
