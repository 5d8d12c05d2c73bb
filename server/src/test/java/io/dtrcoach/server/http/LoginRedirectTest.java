package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page's {@code next}: only a clean local path is followed after login (or kept in the form); anything
 * else lands on the user's home page. No value may leave the login request unanswered.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginRedirectTest {
    /** Each of these must be refused: after login the browser goes home (/scenarios for a rep), not there. */
    static final List<String> HOSTILE = List.of(
            "/\n/evil.example", "/\r\n/evil.example", "/\u000b/evil.example", "/\f/evil.example", "/\t/evil.example",
            "/ /evil.example", "/\u00a0/evil.example", "/\u2028/evil.example", "/\u0000/evil.example",
            "//evil.example", "/\\evil.example", "/\\/evil.example", "\\\\evil.example", "https://evil.example/",
            "javascript:alert(1)", "evil.example", "", "/%2F/evil.example", "/%2f/evil.example", "/%5Cevil.example",
            "/%09/evil.example", "/%0a/evil.example", "/%0d%0aSet-Cookie:x=1", "%2F%2Fevil.example",
            "/%252F/evil.example", "/%zz", "/\u200b/evil.example", "/sessions/\u00e9", "/" + "a".repeat(600));

    private ApiFixture api;
    private WebClient noRedirects;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
        // a short timeout: a login request left unanswered fails the test instead of waiting forever
        noRedirects = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(api.app.port()).setFollowRedirects(false).setIdleTimeout(15));
    }

    @AfterAll
    void stop() {
        noRedirects.close();
        api.close();
    }

    private HttpResponse<Buffer> postLogin(String next) {
        String form = "username=rita&password=password-rita&_csrf=t&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return noRedirects.post("/login").putHeader("Cookie", "dtr_login_csrf=t")
                .putHeader("Content-Type", "application/x-www-form-urlencoded").timeout(15_000)
                .sendBuffer(Buffer.buffer(form)).await();
    }

    @Test
    void should_go_home_after_login_when_next_is_not_a_clean_local_path_and_always_answer() {
        for (String next : HOSTILE) {
            HttpResponse<Buffer> r = postLogin(next);
            assertThat(r.statusCode()).as("next=%s: %s", escape(next), r.bodyAsString()).isEqualTo(303);
            assertThat(r.getHeader("Location")).as("next=%s", escape(next)).isEqualTo("/scenarios");
        }
    }

    @Test
    void should_follow_a_clean_local_next_after_login() {
        for (String next : List.of("/history", "/sessions/abc123/report?x=1#scores", "/team?rep=rob&from=2026-01-01",
                "/scenarios/%E2%9C%93")) {
            HttpResponse<Buffer> r = postLogin(next);
            assertThat(r.statusCode()).as(next).isEqualTo(303);
            assertThat(r.getHeader("Location")).isEqualTo(next);
        }
    }

    @Test
    void should_keep_only_a_clean_next_in_the_login_form() {
        for (String next : HOSTILE) {
            HttpResponse<Buffer> page = noRedirects.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                    .timeout(15_000).send().await();
            assertThat(page.statusCode()).as(escape(next)).isEqualTo(200);
            assertThat(hiddenNext(page.bodyAsString())).as("next=%s", escape(next)).isNull();
        }
        HttpResponse<Buffer> page = noRedirects.get("/login?next=%2Fhistory").send().await();
        assertThat(hiddenNext(page.bodyAsString())).isEqualTo("/history");
    }

    private static String hiddenNext(String html) {
        Matcher m = Pattern.compile("name=\"next\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return sb.toString();
    }
}
