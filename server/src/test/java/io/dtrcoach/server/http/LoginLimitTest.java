package io.dtrcoach.server.http;

import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on guessing passwords hold for guesses sent all at once (each is counted before its password is
 * checked), for oversized input (a 400 that still counts), and for password changes, which are limited per account
 * without locking anyone's logins. The test configuration allows 5 attempts per account and 8 per address.
 */
@ExtendWith(VertxExtension.class)
class LoginLimitTest {
    private static final int BURST = 40;

    @TempDir
    Path dir;

    private ApiFixture api;

    private ApiFixture api(Vertx vertx) {
        api = new ApiFixture(vertx, dir);
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private Future<HttpResponse<Buffer>> login(String username, String password) {
        return api.client.post("/api/login").timeout(60_000)
                .sendJsonObject(new JsonObject().put("username", username).put("password", password));
    }

    private HttpResponse<Buffer> loginNow(String username, String password) {
        return login(username, password).await();
    }

    /** Sends them all before waiting for any; the statuses counted. */
    private static Map<Integer, Integer> burst(IntFunction<Future<HttpResponse<Buffer>>> request) {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            sent.add(request.apply(i));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<HttpResponse<Buffer>> f : sent) {
            statuses.merge(f.await().statusCode(), 1, Integer::sum);
        }
        return statuses;
    }

    @Test
    void should_judge_at_most_five_of_forty_parallel_wrong_passwords_for_one_account(Vertx vertx) {
        api(vertx);
        Map<Integer, Integer> statuses = burst(i -> login("rob", "guess-" + i));

        assertThat(statuses.keySet()).as("%s", statuses).containsOnly(401, 429);
        assertThat(statuses.get(401)).as("judged: %s", statuses).isLessThanOrEqualTo(5);
        assertThat(loginNow("rob", "password-rob").statusCode()).as("the right password, now").isEqualTo(429);
    }

    @Test
    void should_judge_at_most_eight_of_forty_parallel_guesses_from_one_address_across_accounts(Vertx vertx) {
        api(vertx);
        Map<Integer, Integer> statuses = burst(i -> login("nobody-" + i, "guess"));

        assertThat(statuses.keySet()).as("%s", statuses).containsOnly(401, 429);
        assertThat(statuses.get(401)).as("judged: %s", statuses).isLessThanOrEqualTo(8);
        assertThat(loginNow("admin", "password-admin").statusCode()).isEqualTo(429);
    }

    @Test
    void should_let_the_right_password_in_and_clear_the_count_while_the_account_has_attempts_left(Vertx vertx) {
        api(vertx);
        for (int i = 0; i < 4; i++) {
            assertThat(loginNow("rob", "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(loginNow("rob", "password-rob").statusCode()).isEqualTo(200);
        // the success cleared rob's four failures: four more wrong ones are judged again
        for (int i = 0; i < 4; i++) {
            assertThat(loginNow("rob", "again-" + i).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void should_answer_an_oversized_username_or_password_with_400_and_count_it_for_the_address(Vertx vertx) {
        api(vertx);
        for (String name : List.of("a".repeat(101), "x".repeat(5000), "\u0000".repeat(120))) {
            HttpResponse<Buffer> r = loginNow(name, "guess");
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("username").contains("100");
        }
        HttpResponse<Buffer> longPassword = loginNow("rob", "p".repeat(201));
        assertThat(longPassword.statusCode()).isEqualTo(400);
        assertThat(longPassword.bodyAsJsonObject().getString("error")).contains("password").contains("200");
        // a name no account can have (NUL, spaces) is an unknown name: 401, and it counts too
        assertThat(loginNow("no\u0000body here", "guess").statusCode()).isEqualTo(401);

        // 5 attempts so far from this address; three more and the address is locked out, admin included
        for (int i = 0; i < 3; i++) {
            assertThat(loginNow("b".repeat(150), "guess").statusCode()).isEqualTo(400);
        }
        assertThat(loginNow("admin", "password-admin").statusCode()).isEqualTo(429);
        assertThat(loginNow("c".repeat(150), "guess").statusCode()).as("refused before any check").isEqualTo(429);
    }

    @Test
    void should_answer_an_oversized_login_form_with_a_400_login_page(Vertx vertx) {
        api(vertx);
        HttpResponse<Buffer> page = api.client.post("/login").followRedirects(false)
                .putHeader("Cookie", AuthHandler.LOGIN_FORM_COOKIE + "=t")
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("_csrf=t&password=guess&username=" + "u".repeat(300))).await();
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(400);
        assertThat(page.bodyAsString()).contains("longer than any account").doesNotContain("u".repeat(300));
    }

    private Future<HttpResponse<Buffer>> changePassword(String who, String current) {
        return api.client.post("/api/me/password").timeout(60_000).bearerTokenAuthentication(api.tokens.get(who))
                .sendJsonObject(new JsonObject().put("currentPassword", current).put("newPassword", "a-new-secret"));
    }

    @Test
    void should_judge_at_most_five_of_forty_parallel_wrong_current_passwords_and_lock_no_logins(Vertx vertx) {
        api(vertx);
        Map<Integer, Integer> statuses = burst(i -> changePassword("rob", "guess-" + i));

        assertThat(statuses.keySet()).as("%s", statuses).containsOnly(400, 429);
        assertThat(statuses.get(400)).as("judged: %s", statuses).isLessThanOrEqualTo(5);
        assertThat(changePassword("rob", "password-rob").await().statusCode()).as("the right one, now").isEqualTo(429);
        // the limit is rob's password form: nobody's logins from this address, rob's included, are locked
        assertThat(loginNow("admin", "password-admin").statusCode()).isEqualTo(200);
        assertThat(loginNow("rita", "password-rita").statusCode()).isEqualTo(200);
        assertThat(loginNow("rob", "password-rob").statusCode()).isEqualTo(200);
        // and another account's password change is untouched
        assertThat(changePassword("rita", "password-rita").await().statusCode()).isEqualTo(204);
    }

    @Test
    void should_refuse_an_oversized_current_password_with_400_and_count_it(Vertx vertx) {
        api(vertx);
        HttpResponse<Buffer> r = changePassword("rob", "p".repeat(10_000)).await();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("current password");
        for (int i = 0; i < 4; i++) {
            assertThat(changePassword("rob", "guess-" + i).await().statusCode()).isEqualTo(400);
        }
        assertThat(changePassword("rob", "password-rob").await().statusCode()).isEqualTo(429);
    }

    @Test
    void should_set_the_login_form_cookie_secure_when_secure_cookies_are_on(Vertx vertx) {
        api = new ApiFixture(vertx, dir, TestConfig.config(dir, Map.of("cookie.secure", "true")),
                TestScenarios.catalog("v1"));
        HttpResponse<Buffer> page = api.client.get("/login").send().await();
        String cookie = page.cookies().stream().filter(c -> c.startsWith(AuthHandler.LOGIN_FORM_COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        assertThat(api.call("rita", HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(200);
    }

    @Test
    void should_take_about_as_long_for_an_unknown_or_oversized_name_as_for_a_wrong_password(Vertx vertx) {
        // a costly hash, so that skipping it would show; limits high enough for every measurement
        api = new ApiFixture(vertx, dir, TestConfig.config(dir, Map.of("password.iterations", "100000",
                "login.max-failures-per-account", "1000", "login.max-failures-per-address", "1000")),
                TestScenarios.catalog("v1"));
        long wrong = medianMillis(() -> assertThat(loginNow("rob", "not-robs").statusCode()).isEqualTo(401));
        long unknown = medianMillis(() -> assertThat(loginNow("nobody", "not-robs").statusCode()).isEqualTo(401));
        long oversized = medianMillis(() -> assertThat(loginNow("n".repeat(101), "x").statusCode()).isEqualTo(400));

        assertThat(unknown).as("unknown %d ms vs wrong password %d ms", unknown, wrong).isGreaterThan(wrong / 2);
        assertThat(oversized).as("oversized %d ms vs wrong password %d ms", oversized, wrong).isGreaterThan(wrong / 2);
    }

    private static long medianMillis(Runnable request) {
        request.run();
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            request.run();
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
