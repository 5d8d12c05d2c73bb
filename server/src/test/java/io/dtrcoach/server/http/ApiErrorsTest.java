package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets the right status and a JSON {"error"} that names the problem; never a stack trace. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String mentions) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.fieldNames()).containsExactly("error");
        assertThat(body.getString("error")).contains(mentions).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void should_answer_400_to_malformed_json() {
        String s = api.startSession("rita");
        assertError(api.raw("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", "{\"text\": "), 400, "JSON");
        assertError(api.raw("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", "[1, 2]"), 400, "JSON object");
        assertError(api.raw("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", ""), 400, "JSON object");
    }

    @Test
    void should_answer_400_naming_a_missing_or_wrongly_typed_field() {
        String s = api.startSession("rita");
        assertError(api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", new JsonObject()), 400, "'text'");
        assertError(api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", new JsonObject().put("text", 5)),
                400, "'text' must be a string");
        assertError(api.call("rita", HttpMethod.POST, "/api/sessions", new JsonObject().put("scenario", true)),
                400, "'scenario'");
        assertError(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", "high").put("reason", "r")), 400, "'score'");
        assertError(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", "x1")
                .put("password", "long-enough").put("role", "rep")), 400, "team");
        assertError(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", "x1")
                .put("password", "long-enough").put("role", "emperor")), 400, "role");
    }

    @Test
    void should_require_a_reason_for_a_score_override() {
        String s = api.startSession("rita");
        api.turn("rita", s, "Can you sign by Friday?");
        api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/end", null);
        assertError(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", 80)), 400, "reason");
        assertError(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", 80).put("reason", "  ")), 400, "reason");
        assertError(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "charm").put("score", 80).put("reason", "r")), 400, "dimension");
        assertError(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", 101).put("reason", "r")), 400, "score");
    }

    @Test
    void should_answer_413_to_a_body_over_64_KiB() {
        String s = api.startSession("rita");
        String big = "{\"text\": \"" + "a".repeat(70 * 1024) + "\"}";
        assertError(api.raw("rita", HttpMethod.POST, "/api/sessions/" + s + "/turns", big), 413, "64 KiB");
    }

    @Test
    void should_answer_404_to_an_unknown_session_scenario_or_route() {
        assertError(api.turn("rita", "0123456789abcdef0123456789abcdef", "hello"), 404, "no session");
        assertError(api.call("rita", HttpMethod.GET, "/api/sessions/nope/report", null), 404, "no session");
        assertError(api.call("rita", HttpMethod.POST, "/api/sessions", new JsonObject().put("scenario", "nope")),
                404, "nope");
        assertError(api.call("rita", HttpMethod.GET, "/api/nothing-here", null), 404, "not found");
    }

    @Test
    void should_answer_409_to_a_turn_on_an_ended_session_and_to_the_report_of_an_open_one() {
        String s = api.startSession("rita");
        assertError(api.call("rita", HttpMethod.GET, "/api/sessions/" + s + "/report", null), 409, "still open");
        api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/end", null);
        assertError(api.turn("rita", s, "wait, one more thing"), 409, "ended");
    }

    @Test
    void should_answer_409_to_a_team_name_that_exists_already() {
        JsonObject body = new JsonObject().put("name", "north-" + System.nanoTime());
        assertThat(api.call("admin", HttpMethod.POST, "/api/teams", body).statusCode()).isEqualTo(201);

        assertError(api.call("admin", HttpMethod.POST, "/api/teams", body), 409, "exists already");
        assertThat(api.call("admin", HttpMethod.GET, "/api/teams", null).bodyAsJsonObject().getJsonArray("teams")
                .stream().filter(t -> ((JsonObject) t).getString("name").equals(body.getString("name"))).count())
                .isEqualTo(1);
    }

    @Test
    void should_answer_405_to_any_method_but_post_on_the_login_route_signed_in_or_not() {
        for (String who : new String[] {null, "rita"}) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE}) {
                HttpResponse<Buffer> r = api.call(who, method, "/api/login", null);
                assertError(r, 405, "POST");
                assertThat(r.getHeader("Allow")).isEqualTo("POST");
            }
        }
    }

    @Test
    void should_answer_401_without_valid_credentials() {
        assertError(api.call(null, HttpMethod.GET, "/api/sessions", null), 401, "log in");
        HttpResponse<Buffer> bad = api.client.get("/api/sessions").bearerTokenAuthentication("not-a-token").send().await();
        assertError(bad, 401, "not valid");
        HttpResponse<Buffer> wrong = api.client.post("/api/login").sendJsonObject(new JsonObject()
                .put("username", "rita").put("password", "wrong-password")).await();
        assertError(wrong, 401, "wrong username or password");
        HttpResponse<Buffer> missing = api.client.post("/api/login").sendJsonObject(new JsonObject()
                .put("username", "rita")).await();
        assertError(missing, 400, "'password'");
    }

    @Test
    void should_stop_accepting_a_token_after_logout() {
        String token = api.login("rob").getString("token");
        assertThat(api.client.get("/api/me").bearerTokenAuthentication(token).send().await().statusCode()).isEqualTo(200);
        assertThat(api.client.post("/api/logout").bearerTokenAuthentication(token).send().await().statusCode())
                .isEqualTo(204);
        assertError(api.client.get("/api/me").bearerTokenAuthentication(token).send().await(), 401, "not valid");
    }

    @Test
    void should_accept_the_session_cookie_and_demand_the_csrf_token_on_changes(VertxTestContext test) {
        Checkpoint loggedIn = test.checkpoint();
        Checkpoint refused = test.checkpoint();
        Checkpoint accepted = test.checkpoint();
        api.client.post("/api/login").sendJsonObject(new JsonObject().put("username", "rob").put("password", "password-rob"))
                .onComplete(test.succeeding(login -> {
                    String setCookie = login.cookies().stream().filter(c -> c.startsWith("dtr_session=")).findFirst().orElseThrow();
                    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
                    String csrf = login.bodyAsJsonObject().getString("csrfToken");
                    test.verify(() -> {
                        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
                        loggedIn.flag();
                    });
                    JsonObject start = new JsonObject().put("scenario", "test-stalled");
                    api.client.get("/api/sessions").putHeader("Cookie", cookie).send()
                            .compose(list -> {
                                test.verify(() -> assertThat(list.statusCode()).isEqualTo(200));
                                return api.client.post("/api/sessions").putHeader("Cookie", cookie).sendJsonObject(start);
                            })
                            .compose(noCsrf -> {
                                test.verify(() -> {
                                    assertError(noCsrf, 403, "X-CSRF-Token");
                                    refused.flag();
                                });
                                return api.client.post("/api/sessions").putHeader("Cookie", cookie)
                                        .putHeader("X-CSRF-Token", csrf).sendJsonObject(start);
                            })
                            .onComplete(test.succeeding(withCsrf -> test.verify(() -> {
                                assertThat(withCsrf.statusCode()).isEqualTo(201);
                                accepted.flag();
                            })));
                }));
    }

    @Test
    void should_store_and_return_a_reps_html_as_data_unchanged() {
        String s = api.startSession("rita");
        String hostile = "<b>bold</b><script>alert(document.cookie)</script> & \"q\" </textarea><img src=x onerror=alert(1)>";
        assertThat(api.turn("rita", s, hostile).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> t = api.call("rita", HttpMethod.GET, "/api/sessions/" + s, null);
        assertThat(t.getHeader("Content-Type")).startsWith("application/json");
        assertThat(t.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(t.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0).getString("rep")).isEqualTo(hostile);
    }

    @Test
    void should_play_a_whole_conversation_over_http_and_export_it_as_csv() {
        String s = api.startSession("rita");
        JsonObject first = api.turn("rita", s, "Honestly, it's fine if this is not a priority any more.").bodyAsJsonObject();
        assertThat(first.getString("reply")).isEqualTo("Honestly? Thanks for saying that.");
        assertThat(first.getBoolean("ended")).isFalse();
        JsonObject second = api.turn("rita", s, "What has changed on your side?").bodyAsJsonObject();
        assertThat(second.getString("reply")).isEqualTo("Our board froze new spend until Q3.");
        assertThat(second.getBoolean("ended")).isTrue();
        assertThat(second.getString("ending")).isEqualTo("honest_answer");

        JsonObject report = api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/end", null).bodyAsJsonObject();
        assertThat(report.getJsonObject("report").getInteger("overall")).isEqualTo(95);
        JsonObject transcript = api.call("rita", HttpMethod.GET, "/api/sessions/" + s, null).bodyAsJsonObject();
        assertThat(transcript.getJsonArray("turns")).hasSize(2);
        assertThat(transcript.getJsonArray("turns").getJsonObject(1).getJsonObject("analysis").getJsonArray("revealed"))
                .containsExactly("budget_freeze");

        HttpResponse<Buffer> csv = api.call("mona", HttpMethod.GET, "/api/sessions.csv?rep=rita&scenario=test-stalled", null);
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(csv.bodyAsString()).startsWith("id,rep,team,scenario").contains(s + ",rita,east,test-stalled");
        assertError(api.call("mona", HttpMethod.GET, "/api/sessions?from=yesterday", null), 400, "from");
    }

    @Test
    void should_report_health_with_database_and_library_status() {
        JsonObject health = api.call(null, HttpMethod.GET, "/health", null).bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("up");
        assertThat(health.getJsonObject("database").getString("status")).isEqualTo("up");
        assertThat(health.getJsonObject("scenarios").getInteger("count")).isEqualTo(1);
        String metrics = api.call(null, HttpMethod.GET, "/metrics", null).bodyAsString();
        assertThat(metrics).contains("# TYPE dtr_turns_total counter").contains("dtr_http_requests_total{method=\"GET\"");
    }

    @Test
    void should_end_the_logins_of_a_disabled_user_and_refuse_new_ones() {
        String token = api.login("omar").getString("token");
        long id = api.users.get("omar").id();
        assertThat(api.call("admin", HttpMethod.PATCH, "/api/users/" + id, new JsonObject().put("disabled", true))
                .statusCode()).isEqualTo(200);
        assertError(api.client.get("/api/me").bearerTokenAuthentication(token).send().await(), 401, "not valid");
        assertThat(api.call("mona", HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(200);
        assertError(api.client.post("/api/login").sendJsonObject(new JsonObject().put("username", "omar")
                .put("password", "password-omar")).await(), 401, "wrong username or password");
    }
}
