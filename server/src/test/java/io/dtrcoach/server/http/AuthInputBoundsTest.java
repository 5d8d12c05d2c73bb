package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized or unstorable values on the account endpoints and forms (other than logging in, see LoginLimitTest) are a
 * 400 naming the field, never a 500, and change nothing.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthInputBoundsTest {
    private static final String HUGE = "x".repeat(20_000);

    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private void assert400(HttpResponse<Buffer> r, String field) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains(field);
    }

    @Test
    void should_refuse_oversized_or_control_character_values_on_the_account_api_with_400() {
        assert400(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", HUGE)
                .put("password", "long-enough").put("role", "rep").put("team", "east")), "username");
        assert400(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", "newbie")
                .put("password", HUGE).put("role", "rep").put("team", "east")), "password");
        assert400(api.call("admin", HttpMethod.POST, "/api/users", new JsonObject().put("username", "newbie")
                .put("password", "long-enough").put("role", "rep").put("team", HUGE)), "team");
        long rob = api.users.get("rob").id();
        assert400(api.call("admin", HttpMethod.PATCH, "/api/users/" + rob, new JsonObject().put("password", HUGE)),
                "password");
        assert400(api.call("admin", HttpMethod.PATCH, "/api/users/" + rob, new JsonObject().put("team", HUGE)), "team");
        assert400(api.call("admin", HttpMethod.POST, "/api/teams", new JsonObject().put("name", HUGE)), "team");
        // NUL and other controls cannot be stored by PostgreSQL, nor shown: not a team name
        for (String name : List.of("nul\u0000team", "bell\u0007", "line\nbreak")) {
            assert400(api.call("admin", HttpMethod.POST, "/api/teams", new JsonObject().put("name", name)), "team");
            assert400(api.call("admin", HttpMethod.PATCH, "/api/users/" + rob, new JsonObject().put("team", name)),
                    "team");
        }
        assert400(api.call("rob", HttpMethod.POST, "/api/me/password", new JsonObject()
                .put("currentPassword", "password-rob").put("newPassword", HUGE)), "8-200");

        assertThat(api.call("admin", HttpMethod.GET, "/api/users", null).bodyAsString()).doesNotContain("newbie");
        assertThat(api.call("admin", HttpMethod.GET, "/api/teams", null).bodyAsJsonObject().getJsonArray("teams")
                .stream().map(t -> ((JsonObject) t).getString("name")).toList()).containsExactlyInAnyOrder("east", "west");
        assertThat(api.login("rob").getJsonObject("user").getString("team")).isEqualTo("east");
    }

    @Test
    void should_answer_oversized_values_on_the_account_forms_with_a_400_page() {
        JsonObject admin = api.login("admin");
        String cookie = AuthHandler.COOKIE + "=" + admin.getString("token");
        String csrf = admin.getString("csrfToken");
        for (String[] form : new String[][] {
                {"/admin/users", "username=" + HUGE + "&password=long-enough&role=rep&team="},
                {"/admin/teams", "name=" + HUGE},
                {"/admin/teams", "name=" + URLEncoder.encode("nul\u0000team", StandardCharsets.UTF_8)},
                {"/account/password", "currentPassword=" + HUGE + "&newPassword=new-secret-1&repeatPassword=new-secret-1"},
                {"/account/password", "currentPassword=password-admin&newPassword=" + HUGE + "&repeatPassword=" + HUGE}}) {
            HttpResponse<Buffer> r = api.client.post(form[0]).followRedirects(false).putHeader("Cookie", cookie)
                    .putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .sendBuffer(Buffer.buffer(form[1] + "&_csrf=" + csrf)).await();
            assertThat(r.statusCode()).as("%s: %s", form[0], r.bodyAsString()).isEqualTo(400);
            assertThat(r.getHeader("Content-Type")).startsWith("text/html");
            assertThat(r.bodyAsString()).doesNotContain(HUGE).doesNotContain("Exception");
        }
    }
}
