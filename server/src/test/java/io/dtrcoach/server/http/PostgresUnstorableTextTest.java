package io.dtrcoach.server.http;

import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL, which cannot hold NUL in text: a NUL in a path segment, a query parameter or a typed field is the
 * client's bad input (400 or 404), never a 500. DTR_TEST_PG_URL; required when CI=true.
 */
@ExtendWith(VertxExtension.class)
class PostgresUnstorableTextTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void should_answer_a_nul_anywhere_in_a_request_without_a_500(Vertx vertx) {
        api = new ApiFixture(vertx, TestDatabases.postgres(), TestConfig.config(dir), TestScenarios.catalog("v1"));
        String session = api.startSession("rita");
        for (String path : List.of("/api/sessions/%00", "/api/sessions/a%00b/report", "/api/sessions?rep=a%00b",
                "/api/sessions?scenario=%00", "/api/sessions.csv?rep=%00")) {
            HttpResponse<Buffer> r = api.call("mona", HttpMethod.GET, path, null);
            assertThat(r.statusCode()).as("%s: %s", path, r.bodyAsString()).isIn(400, 404);
        }
        for (String text : List.of("a\u0000b", "\u0000")) {
            HttpResponse<Buffer> r = api.turn("rita", session, text);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("text");
        }
        HttpResponse<Buffer> login = api.client.post("/api/login").sendJsonObject(new JsonObject()
                .put("username", "ri\u0000ta").put("password", "password-rita")).await();
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(api.turn("rita", session, "Where do things stand?").statusCode()).isEqualTo(200);
    }
}
