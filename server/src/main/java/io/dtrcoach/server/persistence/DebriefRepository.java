package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** A session's model-written debrief: stored once (the first one wins), read by any node. */
public final class DebriefRepository {
    public Optional<String> debrief(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT debrief FROM practice_sessions WHERE id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Stores the debrief unless one is stored already; returns the one stored. */
    public String store(Connection c, String sessionId, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE practice_sessions SET debrief = ? WHERE id = ? AND debrief IS NULL")) {
            ps.setString(1, text);
            ps.setString(2, sessionId);
            ps.executeUpdate();
        }
        return debrief(c, sessionId).orElse(text);
    }
}
