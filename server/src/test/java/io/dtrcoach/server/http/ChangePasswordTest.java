package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Any user changes their own password, over the API and on the account page. */
@ExtendWith(VertxExtension.class)
class ChangePasswordTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<Buffer> change(String who, String current, String next) {
        return api.call(who, HttpMethod.POST, "/api/me/password",
                new JsonObject().put("currentPassword", current).put("newPassword", next));
    }

    private int login(String who, String password) {
        return api.client.post("/api/login").sendJsonObject(new JsonObject().put("username", who)
                .put("password", password)).await().statusCode();
    }

    @Test
    void should_change_the_password_keep_this_login_and_end_the_others() {
        String other = api.login("rita").getString("token");

        assertThat(change("rita", "password-rita", "a-better-secret").statusCode()).isEqualTo(204);

        assertThat(login("rita", "password-rita")).isEqualTo(401);
        assertThat(login("rita", "a-better-secret")).isEqualTo(200);
        assertThat(api.call("rita", HttpMethod.GET, "/api/me", null).statusCode()).as("this login").isEqualTo(200);
        assertThat(api.client.get("/api/me").bearerTokenAuthentication(other).send().await().statusCode())
                .as("another login of the same account").isEqualTo(401);
        assertThat(api.call("rob", HttpMethod.GET, "/api/me", null).statusCode()).as("another user").isEqualTo(200);
    }

    @Test
    void should_refuse_a_wrong_current_password_or_a_bad_new_one_and_limit_wrong_guesses() {
        HttpResponse<Buffer> wrong = change("rob", "not-my-password", "a-better-secret");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.bodyAsJsonObject().getString("error")).contains("current password");
        assertThat(change("rob", "password-rob", "short").bodyAsJsonObject().getString("error")).contains("8-200");
        assertThat(change("rob", "password-rob", "password-rob").statusCode()).isEqualTo(400);
        assertThat(login("rob", "password-rob")).as("unchanged").isEqualTo(200);

        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = change("rob", "guess-" + i, "a-better-secret").statusCode();
        }
        assertThat(status).as("guessing is limited").isEqualTo(429);
        assertThat(api.call(null, HttpMethod.POST, "/api/me/password", new JsonObject()).statusCode()).isEqualTo(401);
    }

    @Test
    void should_change_it_on_the_account_page_and_say_what_went_wrong_there() {
        JsonObject login = api.login("tara");
        String cookie = AuthHandler.COOKIE + "=" + login.getString("token");
        String csrf = login.getString("csrfToken");

        HttpResponse<Buffer> page = api.client.get("/account").putHeader("Cookie", cookie).send().await();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("Change your password", "tara");

        HttpResponse<Buffer> differ = post(cookie, "currentPassword=password-tara&newPassword=new-secret-1"
                + "&repeatPassword=new-secret-2&_csrf=" + csrf);
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.bodyAsString()).contains("The two new passwords differ");

        HttpResponse<Buffer> wrong = post(cookie, "currentPassword=nope&newPassword=new-secret-1"
                + "&repeatPassword=new-secret-1&_csrf=" + csrf);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.bodyAsString()).contains("The current password is not right").doesNotContain("Exception");

        HttpResponse<Buffer> noToken = post(cookie, "currentPassword=password-tara&newPassword=new-secret-1"
                + "&repeatPassword=new-secret-1");
        assertThat(noToken.statusCode()).as("no CSRF token").isEqualTo(403);

        HttpResponse<Buffer> done = post(cookie, "currentPassword=password-tara&newPassword="
                + URLEncoder.encode("new secret & more", StandardCharsets.UTF_8)
                + "&repeatPassword=" + URLEncoder.encode("new secret & more", StandardCharsets.UTF_8) + "&_csrf=" + csrf);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.bodyAsString()).contains("Password changed");
        assertThat(login("tara", "new secret & more")).isEqualTo(200);
    }

    private HttpResponse<Buffer> post(String cookie, String form) {
        return api.client.post("/account/password").followRedirects(false).putHeader("Cookie", cookie)
                .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer(form)).await();
    }
}
