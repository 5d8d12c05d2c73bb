package io.dtrcoach.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users and teams over JDBC. Every method runs inside the caller's transaction. */
public final class UserRepository {
    private static final String USER_COLUMNS =
            "u.id, u.username, u.role, u.team_id, t.name AS team_name, u.disabled, u.password_hash";
    private static final String FROM = " FROM users u LEFT JOIN teams t ON t.id = u.team_id";

    /** A user as stored, without the password hash; {@code role} is the role's name. */
    public record UserRow(long id, String username, String role, Optional<Long> teamId, Optional<String> team,
                          boolean disabled) {
    }

    /** A user with the stored hash, for login only. */
    public record Credentials(UserRow user, String passwordHash) {
    }

    public record Team(long id, String name) {
    }

    /** What an admin may add to an account beyond its login: both optional. */
    public record Profile(Optional<String> displayName, Optional<String> email) {
        public static final Profile NONE = new Profile(Optional.empty(), Optional.empty());
    }

    /** What an account left behind: practice sessions, and reviews, comments and overrides they wrote. */
    public record History(long sessions, long reviews) {
        public boolean isEmpty() {
            return sessions == 0 && reviews == 0;
        }
    }

    public long insert(Connection c, String username, String passwordHash, String role, Optional<Long> teamId,
                       long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, password_hash, role, team_id, disabled, created_at) VALUES (?, ?, ?, ?, FALSE, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role);
            setLong(ps, 4, teamId);
            ps.setLong(5, now);
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    public Optional<Credentials> credentials(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + FROM + " WHERE u.username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(user(rs), rs.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    public Optional<UserRow> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + FROM + " WHERE u.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    public Optional<UserRow> byUsername(Connection c, String username) throws SQLException {
        return credentials(c, username).map(Credentials::user);
    }

    public List<UserRow> all(Connection c) throws SQLException {
        List<UserRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + FROM + " ORDER BY u.username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(user(rs));
            }
        }
        return out;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void update(Connection c, long id, String role, Optional<Long> teamId, boolean disabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ?, team_id = ?, disabled = ? WHERE id = ?")) {
            ps.setString(1, role);
            setLong(ps, 2, teamId);
            ps.setBoolean(3, disabled);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void setPassword(Connection c, long id, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Every account's profile, by user id (accounts without one are absent). */
    public java.util.Map<Long, Profile> profiles(Connection c) throws SQLException {
        java.util.Map<Long, Profile> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, display_name, email FROM users WHERE display_name IS NOT NULL OR email IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Profile(Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3))));
            }
        }
        return out;
    }

    public void setProfile(Connection c, long id, Profile profile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET display_name = ?, email = ? WHERE id = ?")) {
            ps.setString(1, profile.displayName().orElse(null));
            ps.setString(2, profile.email().orElse(null));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public History history(Connection c, long id) throws SQLException {
        return new History(countOf(c, "SELECT COUNT(*) FROM practice_sessions WHERE user_id = ?", id),
                countOf(c, "SELECT COUNT(*) FROM turn_comments WHERE author_id = ?", id)
                        + countOf(c, "SELECT COUNT(*) FROM score_overrides WHERE author_id = ?", id)
                        + countOf(c, "SELECT COUNT(*) FROM practice_sessions WHERE reviewed_by = ?", id));
    }

    /** Removes the account and its logins; a row elsewhere that still names it fails the delete (SQLSTATE 23503). */
    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_sessions WHERE user_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** SQLSTATE 23503, on H2 and PostgreSQL alike. */
    public static boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState());
    }

    private static long countOf(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Team> team(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM teams WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Team(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public Team createTeam(Connection c, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO teams (name, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, now);
            ps.executeUpdate();
            return new Team(generatedId(ps), name);
        }
    }

    /**
     * The team of this name, created if missing. Idempotent under concurrency: when another transaction creates the
     * same team first, the unique violation is undone to a savepoint (PostgreSQL would otherwise abort the whole
     * transaction) and that team is returned.
     */
    public Team teamOrCreate(Connection c, String name, long now) throws SQLException {
        Optional<Team> existing = team(c, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Savepoint beforeInsert = c.setSavepoint();
        try {
            Team created = createTeam(c, name, now);
            c.releaseSavepoint(beforeInsert);
            return created;
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(beforeInsert);
            Optional<Team> raced = team(c, name);
            if (raced.isEmpty()) {
                throw e;
            }
            return raced.get();
        }
    }

    /** SQLSTATE 23505, on H2 and PostgreSQL alike. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    public List<Team> teams(Connection c) throws SQLException {
        List<Team> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM teams ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Team(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static UserRow user(ResultSet rs) throws SQLException {
        long team = rs.getLong("team_id");
        Optional<Long> teamId = rs.wasNull() ? Optional.empty() : Optional.of(team);
        return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("role"), teamId,
                Optional.ofNullable(rs.getString("team_name")), rs.getBoolean("disabled"));
    }

    static void setLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key returned");
            }
            return keys.getLong(1);
        }
    }
}
