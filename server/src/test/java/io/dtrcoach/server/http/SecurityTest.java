package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored XSS (data comes back unchanged, as JSON), CSRF on every cookie-authenticated change, session fixation,
 * the login rate limit per account and per address, and path traversal. The route × role matrix is
 * {@link ApiAccessMatrixTest}. The address rate-limit test runs last: it locks 127.0.0.1 out of logging in.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTest {
    static final String HOSTILE = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
            + "\"'><svg/onload=alert(2)>{{7*7}}${7*7}</textarea>&amp;\u202e\u0007";

    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** A browser login: the session cookie ("name=value") and its CSRF token. */
    private record BrowserLogin(String cookie, String csrf) {
        String value() {
            return cookie.substring(cookie.indexOf('=') + 1);
        }
    }

    private BrowserLogin browserLogin(String who, String presetCookie) {
        HttpRequest<Buffer> req = api.client.post("/api/login");
        if (presetCookie != null) {
            req.putHeader("Cookie", presetCookie);
        }
        HttpResponse<Buffer> r = req.sendJsonObject(new JsonObject().put("username", who)
                .put("password", "password-" + who)).await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        String set = r.cookies().stream().filter(c -> c.startsWith(AuthHandler.COOKIE + "=")).findFirst().orElseThrow();
        return new BrowserLogin(set.substring(0, set.indexOf(';')), r.bodyAsJsonObject().getString("csrfToken"));
    }

    private HttpResponse<Buffer> withCookie(String cookie, String csrf, HttpMethod method, String path, JsonObject body) {
        HttpRequest<Buffer> req = api.client.request(method, path).putHeader("Cookie", cookie);
        if (csrf != null) {
            req.putHeader(AuthHandler.CSRF_HEADER, csrf);
        }
        return (body == null ? req.send() : req.sendJsonObject(body)).await();
    }

    private static boolean holds(Object json, String s) {
        if (json instanceof JsonObject o) {
            return o.stream().anyMatch(e -> holds(e.getValue(), s));
        }
        if (json instanceof JsonArray a) {
            return a.stream().anyMatch(v -> holds(v, s));
        }
        return s.equals(json);
    }

    private String endedSession(String rep) {
        String s = api.startSession(rep);
        api.turn(rep, s, "Can you sign by Friday?");
        api.call(rep, HttpMethod.POST, "/api/sessions/" + s + "/end", null);
        return s;
    }

    // --- stored XSS: the API stores and returns hostile text as data -------------------------------------------

    @Test
    @Order(1)
    void should_return_hostile_rep_text_comments_and_override_reasons_unchanged_as_json() {
        String s = api.startSession("rita");
        assertThat(api.turn("rita", s, HOSTILE).statusCode()).isEqualTo(200);
        api.call("rita", HttpMethod.POST, "/api/sessions/" + s + "/end", null);
        assertThat(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/turns/1/comments",
                new JsonObject().put("text", HOSTILE)).statusCode()).isEqualTo(201);
        assertThat(api.call("mona", HttpMethod.POST, "/api/sessions/" + s + "/overrides", new JsonObject()
                .put("dimension", "pressure").put("score", 60).put("reason", HOSTILE)).statusCode()).isEqualTo(201);

        HttpResponse<Buffer> transcript = api.call("rita", HttpMethod.GET, "/api/sessions/" + s, null);
        assertThat(transcript.getHeader("Content-Type")).startsWith("application/json");
        assertThat(transcript.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        JsonObject turn = transcript.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0);
        assertThat(turn.getString("rep")).isEqualTo(HOSTILE);
        assertThat(holds(turn, HOSTILE)).isTrue();
        assertThat(turn.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo(HOSTILE);
        HttpResponse<Buffer> report = api.call("mona", HttpMethod.GET, "/api/sessions/" + s + "/report", null);
        assertThat(report.getHeader("Content-Type")).startsWith("application/json");
        assertThat(holds(report.bodyAsJsonObject(), HOSTILE)).as(report.bodyAsString()).isTrue();
        // JSON, never HTML: the raw bytes carry no unescaped "<" that a sniffing browser could run
        assertThat(transcript.bodyAsString()).doesNotContain("\u0007");
    }

    @Test
    @Order(2)
    void should_return_hostile_team_and_user_names_unchanged_as_json() {
        String team = "t<script>x</script>";
        assertThat(api.call("admin", HttpMethod.POST, "/api/teams", new JsonObject().put("name", team)).statusCode())
                .isEqualTo(201);
        HttpResponse<Buffer> teams = api.call("admin", HttpMethod.GET, "/api/teams", null);
        assertThat(teams.getHeader("Content-Type")).startsWith("application/json");
        assertThat(holds(io.vertx.core.json.Json.decodeValue(teams.body()), team)).as(teams.bodyAsString()).isTrue();
    }

    // --- CSRF: every state-changing request authenticated by the cookie needs the token -------------------------

    private record Change(String who, HttpMethod method, Function<SecurityTest, String> path, JsonObject body) {
    }

    @Test
    @Order(3)
    void should_refuse_every_cookie_authenticated_change_without_the_right_csrf_token() {
        String open = api.startSession("rita");
        String ended = endedSession("rita");
        long rob = api.users.get("rob").id();
        List<Change> changes = List.of(
                new Change("rita", HttpMethod.POST, t -> "/api/sessions", new JsonObject().put("scenario", "test-stalled")),
                new Change("rita", HttpMethod.POST, t -> "/api/sessions/" + open + "/turns", new JsonObject().put("text", "hi")),
                new Change("rita", HttpMethod.POST, t -> "/api/sessions/" + open + "/end", null),
                new Change("mona", HttpMethod.POST, t -> "/api/sessions/" + ended + "/turns/1/comments",
                        new JsonObject().put("text", "forged")),
                new Change("mona", HttpMethod.POST, t -> "/api/sessions/" + ended + "/overrides",
                        new JsonObject().put("dimension", "pressure").put("score", 0).put("reason", "forged")),
                new Change("admin", HttpMethod.POST, t -> "/api/users", new JsonObject().put("username", "forged")
                        .put("password", "long-enough-password").put("role", "admin")),
                new Change("admin", HttpMethod.PATCH, t -> "/api/users/" + rob, new JsonObject().put("disabled", true)),
                new Change("admin", HttpMethod.POST, t -> "/api/teams", new JsonObject().put("name", "forged")),
                new Change("rita", HttpMethod.POST, t -> "/api/logout", null));
        BrowserLogin other = browserLogin("rob", null);
        for (Change c : changes) {
            BrowserLogin login = browserLogin(c.who(), null);
            String path = c.path().apply(this);
            for (String csrf : new String[]{null, "", "wrong", login.csrf() + "x", other.csrf(), login.value()}) {
                HttpResponse<Buffer> r = withCookie(login.cookie(), csrf, c.method(), path, c.body());
                assertThat(r.statusCode()).as(c.method() + " " + path + " with CSRF " + csrf + ": " + r.bodyAsString())
                        .isEqualTo(403);
                assertThat(r.bodyAsJsonObject().getString("error")).contains(AuthHandler.CSRF_HEADER);
            }
            // the same cookie reads without a token, and changes with the right one
            assertThat(withCookie(login.cookie(), null, HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(200);
            HttpResponse<Buffer> ok = withCookie(login.cookie(), login.csrf(), c.method(), path, c.body());
            assertThat(ok.statusCode()).as(c.method() + " " + path + ": " + ok.bodyAsString()).isBetween(200, 299);
        }
        // nothing forged happened
        JsonObject transcript = api.call("rita", HttpMethod.GET, "/api/sessions/" + open, null).bodyAsJsonObject();
        assertThat(transcript.getJsonArray("turns")).hasSize(1);
        HttpResponse<Buffer> users = api.call("admin", HttpMethod.GET, "/api/users", null);
        assertThat(users.bodyAsString().split("\"forged\"", -1)).hasSize(2);
        // a bearer token needs no CSRF token: another site cannot send one
        assertThat(api.call("rita", HttpMethod.POST, "/api/sessions", new JsonObject().put("scenario", "test-stalled"))
                .statusCode()).isEqualTo(201);
        // undo the disabling of rob so the rest of the class can use him
        api.call("admin", HttpMethod.PATCH, "/api/users/" + rob, new JsonObject().put("disabled", false));
        api.tokens.put("rob", api.login("rob").getString("token"));
    }

    // --- session fixation ------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void should_ignore_a_planted_session_cookie_and_issue_a_fresh_one_at_login() {
        String planted = AuthHandler.COOKIE + "=attacker-chosen-value-0123456789abcdef";
        assertThat(withCookie(planted, null, HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(401);

        BrowserLogin login = browserLogin("rita", planted);
        assertThat(login.cookie()).isNotEqualTo(planted);
        assertThat(withCookie(planted, null, HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(withCookie(login.cookie(), null, HttpMethod.GET, "/api/me", null).bodyAsJsonObject()
                .getJsonObject("user").getString("username")).isEqualTo("rita");

        // a cookie from an earlier login (say, captured before) is a different secret from the next login's
        BrowserLogin again = browserLogin("rita", login.cookie());
        assertThat(again.value()).isNotEqualTo(login.value());
        assertThat(again.csrf()).isNotEqualTo(login.csrf());

        // logout ends that session for good and clears the cookie
        HttpResponse<Buffer> out = withCookie(again.cookie(), again.csrf(), HttpMethod.POST, "/api/logout", null);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.cookies()).anySatisfy(c -> assertThat(c).startsWith(AuthHandler.COOKIE + "=;").containsIgnoringCase("Max-Age=0"));
        assertThat(withCookie(again.cookie(), null, HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(401);
    }

    // --- path traversal --------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void should_serve_no_file_through_a_traversal_path() throws Exception {
        String[] paths = {"/static/../pom.xml", "/static/../../pom.xml", "/static/%2e%2e/%2e%2e/pom.xml",
                "/static/%2e%2e%2f%2e%2e%2fpom.xml", "/static/..%2f..%2fpom.xml", "/static/%252e%252e/pom.xml",
                "/static/..\\..\\pom.xml", "/static/%c0%ae%c0%ae/pom.xml", "/static/....//....//pom.xml",
                "/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/static//etc/passwd", "/static/%00../pom.xml", "/../../etc/passwd", "/api/../../etc/passwd",
                "/static/..;/..;/pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/static/.%2e/.%2e/pom.xml",
                "/static/../src/main/java/io/dtrcoach/server/cli/Main.java", "/static/../../data/dtr.mv.db"};
        for (String path : paths) {
            // raw bytes on the wire, so that no client normalises the path first
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.app.port())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int status = Integer.parseInt(answer.substring(9, 12));
                assertThat(status).as(path + " -> " + answer).isIn(400, 403, 404);
                assertThat(answer).as(path).doesNotContain("root:").doesNotContain("<project")
                        .doesNotContain("package io.dtrcoach").doesNotContain("H2 ");
            }
        }
    }

    // --- brute force ---------------------------------------------------------------------------------------------

    private HttpResponse<Buffer> tryLogin(String username, String password, String forwardedFor) {
        HttpRequest<Buffer> req = api.client.post("/api/login");
        if (forwardedFor != null) {
            req.putHeader("X-Forwarded-For", forwardedFor).putHeader("X-Real-IP", forwardedFor);
        }
        return req.sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
    }

    @Test
    @Order(10)
    void should_lock_an_account_after_five_failed_logins_even_for_the_right_password() {
        for (int i = 0; i < 5; i++) {
            assertThat(tryLogin("rob", "guess-" + i, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> locked = tryLogin("rob", "password-rob", null);
        assertThat(locked.statusCode()).as(locked.bodyAsString()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isNotBlank();
        assertThat(locked.bodyAsJsonObject().getString("error")).isNotBlank();
        // the lock is on rob only: rita still logs in from the same address (5 failures < 8 per address)
        assertThat(tryLogin("rita", "password-rita", null).statusCode()).isEqualTo(200);
        // a logged-in rob keeps working: the lock stops guessing, not the owner's live sessions
        assertThat(api.call("rob", HttpMethod.GET, "/api/me", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void should_lock_an_address_after_eight_failures_across_accounts_whatever_forwarded_for_says() {
        // 5 failures so far from this address (rob's); three more, spread over accounts that do not exist
        for (int i = 0; i < 3; i++) {
            assertThat(tryLogin("nobody-" + i, "guess", "203.0.113." + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> locked = tryLogin("admin", "password-admin", "198.51.100.7");
        assertThat(locked.statusCode()).as(locked.bodyAsString()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isNotBlank();
        assertThat(tryLogin("tara", "password-tara", null).statusCode()).isEqualTo(429);
    }
}
