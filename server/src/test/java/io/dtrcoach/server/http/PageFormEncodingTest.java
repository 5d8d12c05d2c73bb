package io.dtrcoach.server.http;

import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's form routes posted as plain forms: given a broken %-escape (a bad hex digit, a truncated or trailing
 * escape) in a form field's name or value, or in the query, a 400 error page, never a 500, and the server keeps
 * serving; and the trainer's preview without the page script, each turn landing back on the preview page.
 */
@ExtendWith(VertxExtension.class)
class PageFormEncodingTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;

    private ApiFixture api;
    private String adminCookie;
    private String adminCsrf;

    @BeforeEach
    void start(Vertx vertx) {
        api = new ApiFixture(vertx, dir);
        JsonObject login = api.login("admin");
        adminCookie = AuthHandler.COOKIE + "=" + login.getString("token");
        adminCsrf = login.getString("csrfToken");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<Buffer> postForm(String path, String body, String cookie, String csrfHeader) {
        HttpRequest<Buffer> req = api.client.post(path).followRedirects(false).putHeader("Content-Type", FORM);
        if (cookie != null) {
            req.putHeader("Cookie", cookie);
        }
        if (csrfHeader != null) {
            req.putHeader(AuthHandler.CSRF_HEADER, csrfHeader);
        }
        return req.sendBuffer(Buffer.buffer(body)).await();
    }

    private static void assertErrorPage(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.getHeader("Content-Type")).startsWith("text/html");
        assertThat(r.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void should_answer_a_broken_escape_in_the_login_form_with_a_400_page() {
        for (String body : new String[] {"username=%zz&password=x&_csrf=t", "username=a%2&password=x&_csrf=t",
                "username=a&password=x%&_csrf=t", "user%zzname=a&password=x&_csrf=t", "%=a&password=x&_csrf=t"}) {
            assertErrorPage(postForm("/login", body, "dtr_login_csrf=t", null));
        }
        assertThat(api.client.get("/login").send().await().statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_a_broken_escape_in_a_signed_in_form_with_a_400_page() {
        assertErrorPage(postForm("/admin/teams", "name=%E0%A4%A", adminCookie, adminCsrf));
        // a broken escape in a field's name fails elsewhere in the decoder than one in a value
        assertErrorPage(postForm("/admin/teams", "na%zzme=north", adminCookie, adminCsrf));
        assertErrorPage(postForm("/sessions", "%=x&scenario=test-stalled", adminCookie, adminCsrf));
        assertErrorPage(postForm("/admin/users", "username=%zzbad&password=password-x&role=rep&team=east",
                adminCookie, adminCsrf));

        HttpResponse<Buffer> fine = postForm("/admin/teams", "name=north%20east", adminCookie, adminCsrf);
        assertThat(fine.statusCode()).as(fine.bodyAsString()).isEqualTo(303);
    }

    @Test
    void should_answer_a_broken_escape_in_a_page_query_with_a_400_page() {
        HttpResponse<Buffer> r = api.client.get("/history?scenario=%zz").putHeader("Cookie", adminCookie).send().await();

        assertErrorPage(r);
    }

    @Test
    void should_answer_a_preview_turn_posted_as_a_form_with_the_preview_page() {
        JsonObject login = api.login("tara");
        String cookie = AuthHandler.COOKIE + "=" + login.getString("token");
        HttpResponse<Buffer> started = api.client.get("/trainer/scenarios/" + TestScenarios.ID + "/preview")
                .followRedirects(false).putHeader("Cookie", cookie).send().await();
        String page = started.getHeader("Location");
        assertThat(page).startsWith("/trainer/scenarios/" + TestScenarios.ID + "/preview?p=");
        String pid = page.substring(page.indexOf("?p=") + 3);

        HttpResponse<Buffer> turn = api.client.post("/trainer/preview/" + pid + "/turns").followRedirects(false)
                .putHeader("Cookie", cookie).putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Accept", "text/html")
                .sendBuffer(Buffer.buffer("text=What%27s+changed%3F&_csrf=" + login.getString("csrfToken"))).await();

        assertThat(turn.statusCode()).isBetween(301, 303);
        assertThat(turn.getHeader("Location")).isEqualTo(page);
        HttpResponse<Buffer> shown = api.client.get(page).putHeader("Cookie", cookie).send().await();
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.getHeader("Content-Type")).startsWith("text/html");
    }
}
