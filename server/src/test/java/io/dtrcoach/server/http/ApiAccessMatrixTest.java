package io.dtrcoach.server.http;

import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route with every role: who gets 2xx, who gets 401, 403 or 404 (404 where even the existence of a
 * session is private). Most sessions used belong to rita, a rep in team east; mona and max both manage east, omar
 * west. Reviewing (comments, overrides) is for a manager of the rep's team or an admin, never on one's own session:
 * mona's own session and the admin's own session are the self-review rows, max on mona's the peer-review rows.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessMatrixTest {
    private static final List<String> WHO = Arrays.asList(null, "rita", "rob", "tara", "mona", "max", "omar", "admin");

    private ApiFixture api;
    private String ended;
    private String open;
    private String monasOwn;
    private String adminsOwn;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
        api.app.users().create(new NewUser("max", "password-max", Role.manager, Optional.of("east"))).await();
        api.tokens.put("max", api.login("max").getString("token"));
        ended = endedSession("rita");
        open = api.startSession("rita");
        monasOwn = endedSession("mona");
        adminsOwn = endedSession("admin");
    }

    private String endedSession(String who) {
        String id = api.startSession(who);
        api.turn(who, id, "Can you sign by Friday?");
        api.call(who, HttpMethod.POST, "/api/sessions/" + id + "/end", null);
        return id;
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /**
     * One route: method, path, body per caller, and the expected status for anon, rita, rob, tara, mona, max, omar,
     * admin.
     */
    private record Row(HttpMethod method, Supplier<String> path, Function<String, JsonObject> body, int... expected) {
    }

    @TestFactory
    List<DynamicTest> every_route_answers_every_role_with_the_right_status() {
        Function<String, JsonObject> override = w -> new JsonObject().put("dimension", "pressure").put("score", 100)
                .put("reason", "by " + w);
        Function<String, JsonObject> comment = w -> new JsonObject().put("text", "note from " + w);
        String due = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        Function<String, JsonObject> assignRita = w -> new JsonObject().put("scenarios", new io.vertx.core.json.JsonArray()
                .add("test-stalled")).put("reps", new io.vertx.core.json.JsonArray().add("rita")).put("due", due);
        Function<String, JsonObject> assignEast = w -> new JsonObject().put("name", "by " + w)
                .put("scenarios", new io.vertx.core.json.JsonArray().add("test-stalled"))
                .put("teams", new io.vertx.core.json.JsonArray().add("east")).put("due", due);
        List<Row> rows = List.of(
                new Row(HttpMethod.GET, () -> "/health", w -> null, 200, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/metrics", w -> null, 200, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/me", w -> null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/scenarios", w -> null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/scenarios/status", w -> null, 401, 403, 403, 200, 403, 403, 403, 200),
                new Row(HttpMethod.POST, () -> "/api/sessions", w -> new JsonObject().put("scenario", "test-stalled"),
                        401, 201, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, () -> "/api/sessions", w -> null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/sessions.csv", w -> null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/sessions/" + ended, w -> null, 401, 200, 404, 404, 200, 200, 404, 200),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + open + "/turns",
                        w -> new JsonObject().put("text", "Hello " + w), 401, 200, 404, 404, 403, 403, 404, 403),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + ended + "/end", w -> null,
                        401, 200, 404, 404, 200, 200, 404, 200),
                new Row(HttpMethod.GET, () -> "/api/sessions/" + ended + "/report", w -> null,
                        401, 200, 404, 404, 200, 200, 404, 200),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + ended + "/turns/1/comments", comment,
                        401, 403, 403, 403, 201, 201, 404, 201),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + ended + "/overrides", override,
                        401, 403, 403, 403, 201, 201, 404, 201),
                // a manager's own session: the manager reads it, a peer manager of the team does not see it at all,
                // nobody but an admin reviews it
                new Row(HttpMethod.GET, () -> "/api/sessions/" + monasOwn, w -> null,
                        401, 404, 404, 404, 200, 404, 404, 200),
                new Row(HttpMethod.GET, () -> "/api/sessions/" + monasOwn + "/report", w -> null,
                        401, 404, 404, 404, 200, 404, 404, 200),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + monasOwn + "/turns/1/comments", comment,
                        401, 403, 403, 403, 403, 404, 404, 201),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + monasOwn + "/overrides", override,
                        401, 403, 403, 403, 403, 404, 404, 201),
                // the admin's own session: not even an admin reviews their own
                new Row(HttpMethod.GET, () -> "/api/sessions/" + adminsOwn, w -> null,
                        401, 404, 404, 404, 404, 404, 404, 200),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + adminsOwn + "/turns/1/comments", comment,
                        401, 403, 403, 403, 404, 404, 404, 403),
                new Row(HttpMethod.POST, () -> "/api/sessions/" + adminsOwn + "/overrides", override,
                        401, 403, 403, 403, 404, 404, 404, 403),
                // assigning: never a rep; a manager only to their own team's reps or team (omar manages west)
                new Row(HttpMethod.POST, () -> "/api/assignments", assignRita, 401, 403, 403, 201, 201, 201, 403, 201),
                new Row(HttpMethod.POST, () -> "/api/assignments", assignEast, 401, 403, 403, 201, 201, 201, 403, 201),
                new Row(HttpMethod.GET, () -> "/api/assignments", w -> null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/assignments.csv", w -> null, 401, 403, 403, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, () -> "/api/users", w -> null, 401, 403, 403, 403, 403, 403, 403, 200),
                new Row(HttpMethod.POST, () -> "/api/users", w -> new JsonObject().put("username", "new-" + w)
                        .put("password", "long-enough").put("role", "trainer"), 401, 403, 403, 403, 403, 403, 403, 201),
                new Row(HttpMethod.PATCH, () -> "/api/users/" + api.users.get("rob").id(),
                        w -> new JsonObject().put("team", "east"), 401, 403, 403, 403, 403, 403, 403, 200),
                new Row(HttpMethod.GET, () -> "/api/teams", w -> null, 401, 403, 403, 403, 403, 403, 403, 200),
                new Row(HttpMethod.POST, () -> "/api/teams", w -> new JsonObject().put("name", "team-" + w),
                        401, 403, 403, 403, 403, 403, 403, 201));
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < WHO.size(); i++) {
                String who = WHO.get(i);
                int expected = row.expected()[i];
                String path = row.path().get();
                tests.add(DynamicTest.dynamicTest(row.method() + " " + path + " as " + (who == null ? "anonymous" : who)
                        + " -> " + expected, () -> {
                    HttpResponse<Buffer> r = api.call(who, row.method(), path, row.body().apply(who));
                    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                        assertThat(r.bodyAsJsonObject().getString("error")).isNotBlank();
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * The single sign-on routes are public (anyone may start a login) and absent when single sign-on is not
     * configured, as here: a 404 page for everyone, signed in or not. With it configured, see {@code SsoBrowserTest}.
     */
    @TestFactory
    List<DynamicTest> the_single_sign_on_routes_answer_404_to_every_role_when_it_is_off() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : List.of("/login/sso", "/login/sso?next=/team", "/login/sso/callback?code=c&state=s")) {
            for (String who : WHO) {
                tests.add(DynamicTest.dynamicTest("GET " + path + " as " + (who == null ? "anonymous" : who)
                        + " -> 404", () -> {
                    HttpResponse<Buffer> r = api.call(who, HttpMethod.GET, path, null);
                    assertThat(r.statusCode()).isEqualTo(404);
                    assertThat(r.getHeader("Content-Type")).startsWith("text/html");
                }));
            }
        }
        return tests;
    }
}
