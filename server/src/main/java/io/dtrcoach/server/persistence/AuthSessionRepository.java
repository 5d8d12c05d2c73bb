package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Login tokens and browser sessions (one table; see V1__schema.sql). */
public final class AuthSessionRepository {

    public record Row(String tokenHash, long userId, String csrfToken, long expiresAt) {
    }

    public void insert(Connection c, String tokenHash, long userId, String csrfToken, long now, long expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO auth_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setLong(2, userId);
            ps.setString(3, csrfToken);
            ps.setLong(4, now);
            ps.setLong(5, expiresAt);
            ps.executeUpdate();
        }
    }

    /** The session for this token hash if it has not expired. */
    public Optional<Row> live(Connection c, String tokenHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT token_hash, user_id, csrf_token, expires_at FROM auth_sessions WHERE token_hash = ? AND expires_at > ?")) {
            ps.setString(1, tokenHash);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    public void delete(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_sessions WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            ps.executeUpdate();
        }
    }

    public void deleteForUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_sessions WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
    }

    /** Ends every login of the user but one (the one that just changed the password). */
    public void deleteForUserExcept(Connection c, long userId, String keepTokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM auth_sessions WHERE user_id = ? AND token_hash <> ?")) {
            ps.setLong(1, userId);
            ps.setString(2, keepTokenHash);
            ps.executeUpdate();
        }
    }

    public int deleteExpired(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_sessions WHERE expires_at <= ?")) {
            ps.setLong(1, now);
            return ps.executeUpdate();
        }
    }
}
