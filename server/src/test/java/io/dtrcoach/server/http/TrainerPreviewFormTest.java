package io.dtrcoach.server.http;

import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer's preview works as a plain form too (no page script): each turn lands back on the preview page. */
@ExtendWith(VertxExtension.class)
class TrainerPreviewFormTest {
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
