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

/** V4 brings sessions overridden before the upgrade into line with their reports. */
class ScoresInEffectMigrationTest {
    /** Computed overall 63 (62.5; not passed, pass mark 70); timing 20 weighted 0.3, pressure 90 weighted 0.2, …. */
    private static final String REPORT = "{\"overall\":63,\"passed\":false,\"pass\":70,\"dimensions\":{"
            + "\"timing\":{\"score\":20,\"weight\":0.3},\"pressure\":{\"score\":90,\"weight\":0.2},"
            + "\"autonomy\":{\"score\":80,\"weight\":0.2},\"listening\":{\"score\":70,\"weight\":0.15},"
            + "\"outcome\":{\"score\":80,\"weight\":0.15}}}";

    @TempDir
    Path dir;

    @Test
    void should_store_the_scores_in_effect_of_sessions_overridden_before_the_upgrade() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'm', 'x', 'manager', 0)");
            s.execute("INSERT INTO scenario_versions VALUES ('h', 'sc', 'T', 'f.yaml', 'id: sc', 0)");
            for (String id : new String[] {"dimension", "overall", "untouched"}) {
                s.execute("INSERT INTO practice_sessions (id, user_id, scenario_id, scenario_hash, mode, seed, opening, "
                        + "turn_count, state_json, ended, started_at, ended_at, report_json, overall_score, passed) "
                        + "VALUES ('" + id + "', 1, 'sc', 'h', 'scripted', 1, 'Hi', 3, '{}', TRUE, 0, 1, '" + REPORT
                        + "', 63, FALSE)");
            }
            // timing 20 → 80: 0.3 × 80 + 0.2 × 90 + 0.2 × 80 + 0.15 × 70 + 0.15 × 80 = 80.5 → 81, passed
            s.execute("INSERT INTO score_overrides (session_id, dimension, original_score, score, reason, author_id, "
                    + "created_at) VALUES ('dimension', 'timing', 20, 50, 'first look', 1, 1)");
            s.execute("INSERT INTO score_overrides (session_id, dimension, original_score, score, reason, author_id, "
                    + "created_at) VALUES ('dimension', 'timing', 20, 80, 'second look', 1, 2)");
            s.execute("INSERT INTO score_overrides (session_id, dimension, original_score, score, reason, author_id, "
                    + "created_at) VALUES ('overall', 'overall', 63, 65, 'close call', 1, 1)");
        }

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, overall_score, passed FROM practice_sessions ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("dimension");
            assertThat(rs.getInt(2)).isEqualTo(81);
            assertThat(rs.getBoolean(3)).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("overall");
            assertThat(rs.getInt(2)).isEqualTo(65);
            assertThat(rs.getBoolean(3)).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("untouched");
            assertThat(rs.getInt(2)).isEqualTo(63);
            assertThat(rs.getBoolean(3)).isFalse();
        }
    }
}
