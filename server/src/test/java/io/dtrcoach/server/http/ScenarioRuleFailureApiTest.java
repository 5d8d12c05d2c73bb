package io.dtrcoach.server.http;

import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.practice.FixedCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario whose rules divide by zero at run time (core's failing-rules.yaml) played over the API: every turn is
 * answered by the first rule that works, the session can be ended and scored, and no 500 reaches the rep.
 */
@ExtendWith(VertxExtension.class)
class ScenarioRuleFailureApiTest {
    private static final String FIXTURE = "/io/dtrcoach/core/conversation/failing-rules.yaml";

    private static Scenario parse(String yaml) {
        LoadResult result = new ScenarioLoader().parse("failing-rules.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        return result.scenario().orElseThrow(() -> new IllegalStateException(result.problems().toString()));
    }

    @Test
    void should_answer_every_turn_and_score_the_session_when_scenario_rules_fail_at_run_time(Vertx vertx,
                                                                                                @TempDir Path dir)
            throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FixedCatalog catalog = new FixedCatalog(List.of(ScenarioVersion.of(parse(yaml), yaml)), (content, source) -> parse(content));
        try (ApiFixture api = new ApiFixture(vertx, dir, TestConfig.config(dir), catalog)) {
            HttpResponse<Buffer> started = api.call("rita", HttpMethod.POST, "/api/sessions",
                    new JsonObject().put("scenario", "failing-rules"));
            assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
            String session = started.bodyAsJsonObject().getString("id");

            for (String line : List.of("How are things?", "What has changed?")) {
                HttpResponse<Buffer> turn = api.turn("rita", session, line);
                assertThat(turn.statusCode()).as(turn.bodyAsString()).isEqualTo(200);
                assertThat(turn.bodyAsJsonObject().getString("reply")).isEqualTo("the first rule that works");
                assertThat(turn.bodyAsJsonObject().getBoolean("ended")).isFalse();
            }
            HttpResponse<Buffer> ended = api.call("rita", HttpMethod.POST, "/api/sessions/" + session + "/end", new JsonObject());
            assertThat(ended.statusCode()).as(ended.bodyAsString()).isEqualTo(200);
            HttpResponse<Buffer> transcript = api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null);
            assertThat(transcript.bodyAsJsonObject().getJsonArray("turns")).hasSize(2);
        }
    }
}
