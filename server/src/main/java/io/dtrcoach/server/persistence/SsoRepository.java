package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Single sign-on's rows: the link from a provider's user to an account ({@code users.sso_subject}), and the logins
 * under way ({@code sso_requests}). Every method runs inside the caller's transaction.
 */
public final class SsoRepository {
    /** A login sent to the provider: what its answer is checked against. */
    public record Request(String nonce, String codeVerifier, String redirectUri, Optional<String> next,
                          long expiresAt) {
    }

    public Optional<Long> userBySubject(Connection c, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE sso_subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public void link(Connection c, long userId, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET sso_subject = ? WHERE id = ?")) {
            ps.setString(1, subject);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
    }

    public void insertRequest(Connection c, String stateHash, Request r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sso_requests (state_hash, nonce, code_verifier,"
                + " redirect_uri, next_path, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, stateHash);
            ps.setString(2, r.nonce());
            ps.setString(3, r.codeVerifier());
            ps.setString(4, r.redirectUri());
            ps.setString(5, r.next().orElse(null));
            ps.setLong(6, r.expiresAt());
            ps.executeUpdate();
        }
    }

    /** The request of this state, deleted as it is read: a state is good for one answer only. */
    public Optional<Request> takeRequest(Connection c, String stateHash) throws SQLException {
        Optional<Request> found;
        try (PreparedStatement ps = c.prepareStatement("SELECT nonce, code_verifier, redirect_uri, next_path,"
                + " expires_at FROM sso_requests WHERE state_hash = ? FOR UPDATE")) {
            ps.setString(1, stateHash);
            try (ResultSet rs = ps.executeQuery()) {
                found = rs.next() ? Optional.of(new Request(rs.getString(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), rs.getLong(5))) : Optional.empty();
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sso_requests WHERE state_hash = ?")) {
            ps.setString(1, stateHash);
            // another request took it first
            return ps.executeUpdate() == 1 ? found : Optional.empty();
        }
    }

    public int deleteExpiredRequests(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sso_requests WHERE expires_at <= ?")) {
            ps.setLong(1, now);
            return ps.executeUpdate();
        }
    }
}
