package io.dtrcoach.server.http;

import io.vertx.core.Future;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/sessions/:id/turns with an Idempotency-Key: the same key on the same session gets the same stored turn
 * and the same answer, however often and however concurrently it is sent; the key reused with another text is a
 * 422. Without a key, turns sent at once are taken one per turn number and the others refused (409), never two
 * stored under one number.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentTurnTest {
    private static final int PARALLEL = 20;

    private ApiFixture api;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private Future<HttpResponse<Buffer>> post(String session, String text, String key) {
        HttpRequest<Buffer> req = api.client.post("/api/sessions/" + session + "/turns").timeout(60_000)
                .bearerTokenAuthentication(api.tokens.get("rita"));
        if (key != null) {
            req.putHeader("Idempotency-Key", key);
        }
        return req.sendJsonObject(new JsonObject().put("text", text));
    }

    private JsonArray turns(String session) {
        return api.call("rita", HttpMethod.GET, "/api/sessions/" + session, null).bodyAsJsonObject().getJsonArray("turns");
    }

    @Test
    void should_store_one_turn_and_give_every_copy_the_same_answer_when_a_keyed_turn_is_sent_twenty_times_at_once() {
        String session = api.startSession("rita");
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            sent.add(post(session, "What has changed since the pilot?", "turn-1-e3b0c442"));
        }
        List<HttpResponse<Buffer>> answers = sent.stream().map(f -> f.await()).toList();

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        assertThat(answers.stream().map(HttpResponse::bodyAsString).distinct().toList()).hasSize(1);
        assertThat(turns(session)).hasSize(1);

        // later, once more: the same answer again, still one turn
        HttpResponse<Buffer> again = post(session, "What has changed since the pilot?", "turn-1-e3b0c442").await();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsString()).isEqualTo(answers.get(0).bodyAsString());
        assertThat(turns(session)).hasSize(1);

        // a new key is a new turn
        HttpResponse<Buffer> next = post(session, "What has changed since the pilot?", "turn-2-7d865e95").await();
        assertThat(next.bodyAsJsonObject().getInteger("turn")).isEqualTo(2);
        assertThat(turns(session)).hasSize(2);
    }

    @Test
    void should_answer_422_when_a_key_comes_back_with_another_text_and_store_nothing() {
        String session = api.startSession("rita");
        assertThat(post(session, "Where do things stand?", "k-1").await().statusCode()).isEqualTo(200);

        HttpResponse<Buffer> reused = post(session, "Can you sign by Friday?", "k-1").await();
        assertThat(reused.statusCode()).as(reused.bodyAsString()).isEqualTo(422);
        assertThat(reused.bodyAsJsonObject().getString("error")).contains("Idempotency-Key");
        assertThat(turns(session)).hasSize(1);
        assertThat(turns(session).getJsonObject(0).getString("rep")).isEqualTo("Where do things stand?");
    }

    @Test
    void should_scope_a_key_to_its_session_and_answer_a_replay_after_the_session_ended() {
        String first = api.startSession("rita");
        String second = api.startSession("rita");
        HttpResponse<Buffer> a = post(first, "Where do things stand?", "shared-key").await();
        HttpResponse<Buffer> b = post(second, "Where do things stand?", "shared-key").await();
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(turns(first)).hasSize(1);
        assertThat(turns(second)).hasSize(1);

        api.call("rita", HttpMethod.POST, "/api/sessions/" + first + "/end", null);
        HttpResponse<Buffer> replay = post(first, "Where do things stand?", "shared-key").await();
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.bodyAsString()).isEqualTo(a.bodyAsString());
        // another user never gets a replay of rita's turn
        HttpResponse<Buffer> rob = api.client.post("/api/sessions/" + second + "/turns")
                .bearerTokenAuthentication(api.tokens.get("rob")).putHeader("Idempotency-Key", "shared-key")
                .sendJsonObject(new JsonObject().put("text", "Where do things stand?")).await();
        assertThat(rob.statusCode()).isEqualTo(404);
    }

    @Test
    void should_refuse_a_malformed_key() {
        String session = api.startSession("rita");
        for (String key : List.of("", " ", "x".repeat(201), "with space", "tab\there")) {
            HttpResponse<Buffer> r = post(session, "Hello", key).await();
            assertThat(r.statusCode()).as("key [%s]: %s", key, r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).contains("Idempotency-Key");
        }
        assertThat(turns(session)).isEmpty();
    }

    @Test
    void should_take_one_turn_per_number_when_unkeyed_turns_are_sent_at_once() {
        String session = api.startSession("rita");
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            sent.add(post(session, "What has changed since the pilot?", null));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Integer> numbers = new ArrayList<>();
        for (Future<HttpResponse<Buffer>> f : sent) {
            HttpResponse<Buffer> r = f.await();
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 200) {
                numbers.add(r.bodyAsJsonObject().getInteger("turn"));
            }
        }
        assertThat(statuses.keySet()).as("%s", statuses).isSubsetOf(200, 409);
        JsonArray stored = turns(session);
        // every 200 is exactly one stored turn, numbered 1..n without gaps or repeats; every other request a 409
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(stored).hasSize(numbers.size());
        assertThat(stored.stream().map(t -> ((JsonObject) t).getInteger("number")).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
    }
}
