package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.ScoresInEffect;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.Transcript;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store reads a report back as the typed Report it wrote, and one stored before a field existed as it meant. */
@ExtendWith(VertxExtension.class)
class StoredReportTest {
    private final Json json = new Json();

    @Test
    void should_count_a_report_stored_before_success_endings_existed_as_a_success(Vertx vertx, @TempDir Path dir) {
        var engines = new Engines(new IntentMatcher(TestParts.embedder()), TestParts.classifier());
        var engine = engines.forScenario(TestScenarios.stalled("v1"));
        Report report = TestParts.scorer().score(engine, Transcript.replay(engine, List.of("no is fine", "what changed?"), 1));
        ObjectNode legacy = (ObjectNode) json.tree(json.write(report));
        ((ObjectNode) legacy.path("outcome")).remove("success");
        ObjectNode failed = (ObjectNode) json.tree(json.write(report));
        ((ObjectNode) failed.path("outcome")).put("success", false);

        try (Database database = TestDatabases.h2(dir)) {
            database.inTransaction(c -> {
                c.createStatement().execute("INSERT INTO users (id, username, password_hash, role, created_at) "
                        + "VALUES (1, 'rita', 'x', 'rep', 0)");
                c.createStatement().execute("INSERT INTO scenario_versions VALUES ('h', 'sc', 'T', 'f.yaml', 'id: sc', 0)");
                for (String[] s : new String[][] {{"legacy", legacy.toString()}, {"failed", failed.toString()}}) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO practice_sessions (id, user_id, "
                            + "scenario_id, scenario_hash, mode, seed, opening, turn_count, state_json, ended, started_at, "
                            + "ended_at, report_json) VALUES (?, 1, 'sc', 'h', 'scripted', 1, 'Hi', 2, '{}', TRUE, 0, 1, ?)")) {
                        ps.setString(1, s[0]);
                        ps.setString(2, s[1]);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            AsyncDatabase db = new AsyncDatabase(vertx, database, 2);
            SessionStore store = new SessionStore(db, json, Clock.systemUTC());

            Report old = store.tx(t -> t.session("legacy")).await().orElseThrow().report().orElseThrow();
            Report notPassed = store.tx(t -> t.session("failed")).await().orElseThrow().report().orElseThrow();

            assertThat(report.overall()).isGreaterThanOrEqualTo(report.pass());
            assertThat(old.outcome().success()).isTrue();
            assertThat(ScoresInEffect.of(old, List.of()).passed()).isTrue();
            assertThat(notPassed.outcome().success()).isFalse();
            assertThat(ScoresInEffect.of(notPassed, List.of()).passed()).isFalse();
            assertThat(json.write(old)).isEqualTo(json.write(report));
            db.close().await();
        }
    }
}
