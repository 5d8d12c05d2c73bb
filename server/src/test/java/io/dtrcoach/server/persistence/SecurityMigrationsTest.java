package io.dtrcoach.server.persistence;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 keeps the failed logins of the current window (they go on counting as attempts); V6 gives the sessions recorded
 * before it the team their rep is in at the upgrade.
 */
class SecurityMigrationsTest {
    @TempDir
    Path dir;

    @Test
    void should_keep_recent_failed_logins_and_give_old_sessions_their_reps_team() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO teams (id, name, created_at) VALUES (7, 'east', 0)");
            s.execute("INSERT INTO users (id, username, password_hash, role, team_id, created_at) "
                    + "VALUES (1, 'rita', 'x', 'rep', 7, 0)");
            s.execute("INSERT INTO users (id, username, password_hash, role, created_at) VALUES (2, 'tara', 'x', 'trainer', 0)");
            s.execute("INSERT INTO scenario_versions VALUES ('h', 'sc', 'T', 'f.yaml', 'id: sc', 0)");
            for (String[] session : new String[][] {{"ritas", "1"}, {"taras", "2"}}) {
                s.execute("INSERT INTO practice_sessions (id, user_id, scenario_id, scenario_hash, mode, seed, opening, "
                        + "turn_count, state_json, ended, started_at) VALUES ('" + session[0] + "', " + session[1]
                        + ", 'sc', 'h', 'scripted', 1, 'Hi', 0, '{}', FALSE, 0)");
            }
            s.execute("INSERT INTO login_failures (username, address, at) VALUES ('rita', '192.0.2.1', 1000)");
        }

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, team_id FROM practice_sessions ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ritas");
                assertThat(rs.getLong(2)).isEqualTo(7);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("taras");
                rs.getLong(2);
                assertThat(rs.wasNull()).as("a trainer without a team: no team").isTrue();
            }
            try (ResultSet rs = s.executeQuery("SELECT purpose, username, address, at FROM auth_attempts")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("login");
                assertThat(rs.getString(2)).isEqualTo("rita");
                assertThat(rs.getString(3)).isEqualTo("192.0.2.1");
                assertThat(rs.getLong(4)).isEqualTo(1000);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(bucket), MAX(bucket) FROM attempt_locks")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(AttemptRepository.BUCKETS);
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getInt(3)).isEqualTo(AttemptRepository.BUCKETS - 1);
            }
        }
    }
}
