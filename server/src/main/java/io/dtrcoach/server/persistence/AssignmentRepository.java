package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignments (V10__assignments.sql), the reps they can reach, the attempts that count towards them, and the
 * reminders mailed about them. Every method runs inside the caller's transaction.
 */
public final class AssignmentRepository {

    /** What is stored of a new assignment; targets are user and team ids. */
    public record NewRow(String name, long assignedBy, long dueAt, Optional<Integer> requiredScore, long createdAt,
                         List<String> scenarios, List<Long> userIds, List<Long> teamIds) {
    }

    public record AssignmentRow(long id, String name, long assignedById, String assignedBy, long dueAt,
                                Optional<Integer> requiredScore, long createdAt, List<String> scenarios,
                                List<Long> userIds, List<Long> teamIds) {
    }

    /** An active rep, with the address reminders go to, if they have one. */
    public record RepRow(long id, String username, Optional<Long> teamId, Optional<String> team,
                         Optional<String> email) {
    }

    /** One practice session as an assignment reads it (scores in effect). */
    public record AttemptRow(long userId, String scenarioId, long startedAt, boolean ended,
                             Optional<Integer> overall, Optional<Boolean> passed) {
    }

    /** A reviewer's comment, with what the mail to the session's rep needs. */
    public record CommentRow(long id, String sessionId, int turnNumber, String author, String text, long repId,
                             Optional<String> repEmail, String scenarioTitle) {
    }

    public long insert(Connection c, NewRow row) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assignments (name, assigned_by, due_at, "
                + "required_score, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, row.name());
            ps.setLong(2, row.assignedBy());
            ps.setLong(3, row.dueAt());
            if (row.requiredScore().isPresent()) {
                ps.setInt(4, row.requiredScore().get());
            } else {
                ps.setNull(4, Types.INTEGER);
            }
            ps.setLong(5, row.createdAt());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO assignment_scenarios (assignment_id, position, scenario_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < row.scenarios().size(); i++) {
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setString(3, row.scenarios().get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO assignment_targets (assignment_id, user_id, team_id) VALUES (?, ?, ?)")) {
            for (long user : row.userIds()) {
                ps.setLong(1, id);
                ps.setLong(2, user);
                ps.setNull(3, Types.BIGINT);
                ps.addBatch();
            }
            for (long team : row.teamIds()) {
                ps.setLong(1, id);
                ps.setNull(2, Types.BIGINT);
                ps.setLong(3, team);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    /** Every assignment, newest first, with its scenarios in order and its targets. */
    public List<AssignmentRow> all(Connection c) throws SQLException {
        Map<Long, List<String>> scenarios = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT assignment_id, scenario_id FROM assignment_scenarios ORDER BY assignment_id, position");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scenarios.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<Long, List<Long>> users = new LinkedHashMap<>();
        Map<Long, List<Long>> teams = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT assignment_id, user_id, team_id FROM assignment_targets ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long a = rs.getLong(1);
                long user = rs.getLong(2);
                if (!rs.wasNull()) {
                    users.computeIfAbsent(a, k -> new ArrayList<>()).add(user);
                }
                long team = rs.getLong(3);
                if (!rs.wasNull()) {
                    teams.computeIfAbsent(a, k -> new ArrayList<>()).add(team);
                }
            }
        }
        List<AssignmentRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.name, a.assigned_by, u.username, a.due_at, "
                + "a.required_score, a.created_at FROM assignments a JOIN users u ON u.id = a.assigned_by "
                + "ORDER BY a.due_at, a.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                int required = rs.getInt(6);
                Optional<Integer> requiredScore = rs.wasNull() ? Optional.empty() : Optional.of(required);
                out.add(new AssignmentRow(id, rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                        requiredScore, rs.getLong(7), List.copyOf(scenarios.getOrDefault(id, List.of())),
                        List.copyOf(users.getOrDefault(id, List.of())), List.copyOf(teams.getOrDefault(id, List.of()))));
            }
        }
        return out;
    }

    /** Every rep who is not disabled, by username. */
    public List<RepRow> reps(Connection c) throws SQLException {
        List<RepRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.username, u.team_id, t.name, u.email "
                + "FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.role = 'rep' AND u.disabled = FALSE "
                + "ORDER BY u.username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long team = rs.getLong(3);
                Optional<Long> teamId = rs.wasNull() ? Optional.empty() : Optional.of(team);
                out.add(new RepRow(rs.getLong(1), rs.getString(2), teamId, Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)).filter(e -> !e.isBlank())));
            }
        }
        return out;
    }

    /** Every team's name by id. */
    public Map<Long, String> teams(Connection c) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM teams ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The sessions started at or after {@code since}, oldest first. */
    public List<AttemptRow> attempts(Connection c, long since) throws SQLException {
        List<AttemptRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, scenario_id, started_at, ended, "
                + "overall_score, passed FROM practice_sessions WHERE started_at >= ? ORDER BY started_at")) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int overall = rs.getInt(5);
                    Optional<Integer> o = rs.wasNull() ? Optional.empty() : Optional.of(overall);
                    boolean passed = rs.getBoolean(6);
                    Optional<Boolean> p = rs.wasNull() ? Optional.empty() : Optional.of(passed);
                    out.add(new AttemptRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), o, p));
                }
            }
        }
        return out;
    }

    /** Reviewers' comments made at or after {@code since} on reps' sessions, oldest first. */
    public List<CommentRow> commentsSince(Connection c, long since) throws SQLException {
        List<CommentRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.session_id, c.turn_number, a.username, c.text, "
                + "r.id, r.email, v.title FROM turn_comments c JOIN practice_sessions s ON s.id = c.session_id "
                + "JOIN users r ON r.id = s.user_id JOIN users a ON a.id = c.author_id "
                + "JOIN scenario_versions v ON v.content_hash = s.scenario_hash "
                + "WHERE c.created_at >= ? AND c.author_id <> s.user_id ORDER BY c.id")) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommentRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), Optional.ofNullable(rs.getString(7)).filter(e -> !e.isBlank()),
                            rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** Claims one reminder; false when it was already claimed (sent, or being sent by another node). */
    public boolean claimReminder(Connection c, String kind, String subject, long userId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reminders_sent (kind, subject, user_id, sent_at) "
                + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reminders_sent WHERE kind = ? AND subject = ? "
                + "AND user_id = ?)")) {
            ps.setString(1, kind);
            ps.setString(2, subject);
            ps.setLong(3, userId);
            ps.setLong(4, now);
            ps.setString(5, kind);
            ps.setString(6, subject);
            ps.setLong(7, userId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives a claim back after its mail could not be sent, so that a later round tries again. */
    public void releaseReminder(Connection c, String kind, String subject, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM reminders_sent WHERE kind = ? AND subject = ? AND user_id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, subject);
            ps.setLong(3, userId);
            ps.executeUpdate();
        }
    }

    /** How many reminders of a kind were recorded for a user (for tests and metrics). */
    public int remindersSent(Connection c, String kind, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM reminders_sent WHERE kind = ? AND user_id = ?")) {
            ps.setString(1, kind);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
