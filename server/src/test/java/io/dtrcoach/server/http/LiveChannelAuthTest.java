package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live channel authenticates as every API call does: {@code Authorization: Bearer <token>} or the session
 * cookie, and then only the session's rep (or its manager) may follow it.
 */
@ExtendWith(VertxExtension.class)
class LiveChannelAuthTest {
    @TempDir
    Path dir;

    private ApiFixture api;
    private HttpClient http;

    @BeforeEach
    void start(Vertx vertx) {
        api = new ApiFixture(vertx, dir);
        http = vertx.createHttpClient();
    }

    @AfterEach
    void stop() {
        http.close().await();
        api.close();
    }

    /** Opens the event stream with these headers; returns the status, content type and the first chunk. */
    private String[] open(String session, Consumer<RequestOptions> headers) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(api.app.port()).setURI("/live/sessions/" + session + "/events");
        headers.accept(options);
        CompletableFuture<String> first = new CompletableFuture<>();
        // The handlers are set as the head arrives, before the first chunk can be delivered.
        HttpClientResponse res = http.request(options).compose(req -> req.send().map(r -> {
            r.handler(chunk -> first.complete(chunk.toString()));
            r.endHandler(v -> first.complete(""));
            return r;
        })).await();
        String body = first.get(30, TimeUnit.SECONDS);
        if (res.statusCode() == 200) {
            res.request().reset();
        }
        return new String[] {Integer.toString(res.statusCode()), String.valueOf(res.getHeader("Content-Type")), body};
    }

    @Test
    void should_open_the_live_channel_with_a_bearer_token() throws Exception {
        String session = api.startSession("rita");

        String[] r = open(session, o -> o.putHeader("Authorization", "Bearer " + api.tokens.get("rita")));

        assertThat(r[0]).as(r[2]).isEqualTo("200");
        assertThat(r[1]).startsWith("text/event-stream");
        assertThat(r[2]).startsWith("retry: ");
    }

    @Test
    void should_still_open_it_with_the_session_cookie() throws Exception {
        String session = api.startSession("rita");

        String[] r = open(session, o -> o.putHeader("Cookie", AuthHandler.COOKIE + "=" + api.tokens.get("rita")));

        assertThat(r[0]).as(r[2]).isEqualTo("200");
        assertThat(r[1]).startsWith("text/event-stream");
    }

    @Test
    void should_apply_the_same_access_rules_to_a_bearer_token() throws Exception {
        String session = api.startSession("rita");

        String[] teamManager = open(session, o -> o.putHeader("Authorization", "Bearer " + api.tokens.get("mona")));
        String[] otherManager = open(session, o -> o.putHeader("Authorization", "Bearer " + api.tokens.get("omar")));
        String[] otherRep = open(session, o -> o.putHeader("Authorization", "Bearer " + api.tokens.get("rob")));
        String[] wrongToken = open(session, o -> o.putHeader("Authorization", "Bearer not-a-token"));
        String[] nobody = open(session, o -> { });

        assertThat(teamManager[0]).as("rita's manager follows her session: " + teamManager[2]).isEqualTo("200");
        assertThat(otherManager[0]).as(otherManager[2]).isEqualTo("404");
        assertThat(otherRep[0]).as(otherRep[2]).isEqualTo("404");
        assertThat(wrongToken[0]).as(wrongToken[2]).isEqualTo("401");
        assertThat(wrongToken[2]).contains("\"error\"");
        assertThat(nobody[0]).as(nobody[2]).isEqualTo("401");
    }
}
