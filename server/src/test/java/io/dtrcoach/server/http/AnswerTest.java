package io.dtrcoach.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step that throws after an asynchronous result still answers its request (through the failure handler), where a
 * bare {@code onSuccess} callback left the request hanging: Vert.x only logs what such a callback throws.
 */
@ExtendWith(VertxExtension.class)
class AnswerTest {
    private HttpServer server;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/throws-after-success").handler(ctx -> Answer.when(ctx, slowly(vertx, "value"),
                v -> ctx.response().putHeader("Location", "/\n/evil.example").setStatusCode(303).end()));
        router.get("/throws-while-answering-a-failure").handler(ctx -> Answer.when(ctx,
                vertx.<String>executeBlocking(() -> {
                    throw new IllegalStateException("first");
                }, false), v -> ctx.response().end(),
                e -> {
                    throw new IllegalArgumentException("while answering: " + e.getMessage());
                }));
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(500).end("failed: " + ctx.failure().getMessage()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(false));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
    }

    private static Future<String> slowly(Vertx vertx, String value) {
        return vertx.executeBlocking(() -> value, false);
    }

    @Test
    void should_answer_through_the_failure_handler_when_the_success_step_throws() {
        HttpResponse<Buffer> r = client.get("/throws-after-success").timeout(10_000).send().await();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.getHeader("Location")).isNull();
        assertThat(r.bodyAsString()).startsWith("failed: ");
    }

    @Test
    void should_answer_when_the_step_answering_a_failure_throws() {
        HttpResponse<Buffer> r = client.get("/throws-while-answering-a-failure").timeout(10_000).send().await();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.bodyAsString()).contains("while answering: first");
    }
}
