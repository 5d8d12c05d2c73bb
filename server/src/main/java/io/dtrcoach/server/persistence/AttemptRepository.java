package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;

/**
 * Login and password-change attempts, and the bucket locks under which they are counted (see
 * V5__auth_attempts.sql). Every method runs inside the caller's transaction.
 */
public final class AttemptRepository {
    /** The rows of {@code attempt_locks}. */
    public static final int BUCKETS = 256;

    /** What an attempt tried: to log in, or to change the caller's own password. */
    public enum Purpose {
        login, password
    }

    /** Holds the bucket's row lock until the transaction ends. Lock buckets in ascending order (no deadlock). */
    public void lockBucket(Connection c, int bucket) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket FROM attempt_locks WHERE bucket = ? FOR UPDATE")) {
            ps.setInt(1, bucket);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("attempt_locks has no bucket " + bucket);
                }
            }
        }
    }

    public int countForUsername(Connection c, Purpose purpose, String username, long since) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM auth_attempts WHERE purpose = ? AND username = ? AND at > ?",
                purpose, username, since);
    }

    public int countForAddress(Connection c, Purpose purpose, String address, long since) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM auth_attempts WHERE purpose = ? AND address = ? AND at > ?",
                purpose, address, since);
    }

    /** Records an attempt let through; returns its id. */
    public long insert(Connection c, Purpose purpose, Optional<String> username, String address, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO auth_attempts (purpose, username, address, at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, purpose.name());
            if (username.isPresent()) {
                ps.setString(2, username.get());
            } else {
                ps.setNull(2, Types.VARCHAR);
            }
            ps.setString(3, address);
            ps.setLong(4, now);
            ps.executeUpdate();
            return UserRepository.generatedId(ps);
        }
    }

    /**
     * After a success: removes that attempt and the account's earlier ones of the same purpose. Attempts reserved
     * after it (still in flight) keep counting.
     */
    public void clearUpTo(Connection c, Purpose purpose, String username, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM auth_attempts WHERE purpose = ? AND username = ? AND id <= ?")) {
            ps.setString(1, purpose.name());
            ps.setString(2, username);
            ps.setLong(3, attemptId);
            ps.executeUpdate();
        }
    }

    public void deleteBefore(Connection c, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_attempts WHERE at <= ?")) {
            ps.setLong(1, before);
            ps.executeUpdate();
        }
    }

    private static int count(Connection c, String sql, Purpose purpose, String key, long since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, purpose.name());
            ps.setString(2, key);
            ps.setLong(3, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
