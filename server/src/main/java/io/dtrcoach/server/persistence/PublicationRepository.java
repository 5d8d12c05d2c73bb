package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Scenarios published from the browser ({@code scenario_publications}). Every method runs in the caller's transaction. */
public final class PublicationRepository {
    /** One publication; {@code gitCommit} when the scenarios folder is a git working tree. */
    public record Publication(String scenarioId, String contentHash, long publishedBy, long publishedAt,
                              int testsFailed, boolean anyway, Optional<String> gitCommit) {
    }

    public void insert(Connection c, Publication p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scenario_publications (scenario_id, content_hash,"
                + " published_by, published_at, tests_failed, anyway, git_commit) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.scenarioId());
            ps.setString(2, p.contentHash());
            ps.setLong(3, p.publishedBy());
            ps.setLong(4, p.publishedAt());
            ps.setInt(5, p.testsFailed());
            ps.setBoolean(6, p.anyway());
            ps.setString(7, p.gitCommit().orElse(null));
            ps.executeUpdate();
        }
    }

    /** The content hashes a trainer published anyway: offered to reps whatever their tests say. */
    public Set<String> publishedAnyway(Connection c) throws SQLException {
        Set<String> hashes = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT content_hash FROM scenario_publications WHERE anyway = TRUE");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        }
        return hashes;
    }

    /** One stored session of a scenario, with its turns' JSON in order, for the trainer's funnel. */
    public record SessionTurns(String sessionId, boolean ended, Optional<String> ending, java.util.List<String> turns) {
    }

    /** The scenario's sessions, newest first, at most {@code limit}, each with its turns' JSON. */
    public java.util.List<SessionTurns> sessionsOf(Connection c, String scenarioId, int limit) throws SQLException {
        java.util.Map<String, SessionTurns> byId = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, ended, ending FROM practice_sessions"
                + " WHERE scenario_id = ? ORDER BY started_at DESC, id LIMIT ?")) {
            ps.setString(1, scenarioId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getString(1), new SessionTurns(rs.getString(1), rs.getBoolean(2),
                            Optional.ofNullable(rs.getString(3)), new java.util.ArrayList<>()));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT t.session_id, t.turn_json FROM turns t"
                + " JOIN practice_sessions s ON s.id = t.session_id WHERE s.scenario_id = ?"
                + " ORDER BY t.session_id, t.number")) {
            ps.setString(1, scenarioId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SessionTurns s = byId.get(rs.getString(1));
                    if (s != null) {
                        s.turns().add(rs.getString(2));
                    }
                }
            }
        }
        return java.util.List.copyOf(byId.values());
    }

    /** The author a commit names: the display name and email when an admin set them. */
    public record Author(String name, Optional<String> email) {
    }

    public Author author(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT username, display_name, email FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no user " + userId);
                }
                String display = rs.getString(2);
                return new Author(display == null || display.isBlank() ? rs.getString(1) : display,
                        Optional.ofNullable(rs.getString(3)).filter(e -> !e.isBlank()));
            }
        }
    }
}
