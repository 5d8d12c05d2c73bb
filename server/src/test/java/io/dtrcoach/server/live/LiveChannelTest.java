package io.dtrcoach.server.live;

import io.dtrcoach.server.Json;
import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.llm.FakeLlmServer.Reply;
import io.dtrcoach.server.llm.FakeLlmServer;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live channel over real HTTP: an in-process server on a temp H2 whose model is {@link FakeLlmServer}, a page's
 * events connection read by {@link SseClient}, and turns posted the way the practice page posts them.
 */
@ExtendWith(VertxExtension.class)
class LiveChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOW_ARE_THINGS = "How are things going on your side?";

    @TempDir
    Path dir;
    private FakeLlmServer fake;
    private Database database;
    private Application app;
    private WebClient web;
    private HttpClient http;
    private String cookie;
    private String csrf;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeLlmServer.start(vertx).await();
        database = TestDatabases.h2(dir);
        app = Application.start(vertx, database, TestConfig.config(dir, Map.of("llm.provider", "openai",
                        "llm.base-url", fake.openAiBaseUrl(), "llm.model", "fake-model", "llm.retry-backoff-ms", "10",
                        "llm.first-token-timeout-ms", "20000")),
                TestParts.create(TestScenarios.catalogWithLlm("v1"), new MutableClock(Instant.now()))).await();
        app.users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
        http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(10));
        JsonObject login = web.post("/api/login").sendJsonObject(new JsonObject().put("username", "rita")
                .put("password", "password-rita")).await().bodyAsJsonObject();
        cookie = "dtr_session=" + login.getString("token");
        csrf = login.getString("csrfToken");
    }

    @AfterEach
    void stop() {
        web.close();
        http.close().await();
        app.close().await();
        database.close();
        fake.close().await();
    }

    private String session(String persona) {
        HttpResponse<Buffer> r = web.post("/api/sessions").putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf)
                .sendJsonObject(new JsonObject().put("scenario", TestScenarios.LLM_ID).put("persona", persona)).await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("id");
    }

    /** A practice page: its session, its events connection, and that connection's id from {@code hello}. */
    private record Page(String session, SseClient sse, String stream) {
    }

    private Page page(String persona) throws InterruptedException {
        String s = session(persona);
        SseClient sse = SseClient.open(http, app.port(), "/live/sessions/" + s + "/events", cookie).await();
        return new Page(s, sse, sse.next("hello", WAIT).orElseThrow().data().getString("stream"));
    }

    private Future<HttpResponse<Buffer>> turn(String session, String text, String stream) {
        JsonObject body = new JsonObject().put("text", text);
        if (stream != null) {
            body.put("stream", stream);
        }
        return web.post("/live/sessions/" + session + "/turns").putHeader("Cookie", cookie)
                .putHeader("X-CSRF-Token", csrf).putHeader("Accept", "application/json").sendJsonObject(body);
    }

    private static List<String> names(SseClient sse) {
        return sse.all().stream().map(SseClient.Event::name).toList();
    }

    @Test
    void should_stream_the_models_reply_token_by_token_before_the_committed_reply() throws Exception {
        Page page = page("llm");
        SseClient sse = page.sse();
        // The model holds its reply open after two words until the test has seen a piece of it on the page (a locked
        // fact makes the reply stream a sentence at a time: the first sentence is one word).
        Promise<Void> seen = Promise.promise();
        fake.enqueue(Reply.text("Look. It's been a really long month for all of us.").heldAfter(2, seen.future()));

        Future<HttpResponse<Buffer>> pending = turn(page.session(), HOW_ARE_THINGS, page.stream());
        SseClient.Event first = sse.next("token", WAIT).orElseThrow();
        assertThat(first.data().getInteger("turn")).isEqualTo(1);
        assertThat(names(sse)).as("the first piece is shown while the model is still writing").doesNotContain("reply");
        assertThat(fake.requests().get(0).endAt()).as("the model has not finished").isZero();
        seen.complete();
        HttpResponse<Buffer> answer = pending.await();

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonObject reply = answer.bodyAsJsonObject();
        assertThat(reply.getString("reply")).isEqualTo("Look. It's been a really long month for all of us.");
        SseClient.Event committed = sse.next("reply", WAIT).orElseThrow();
        assertThat(committed.data().getString("text")).isEqualTo(reply.getString("reply"));
        assertThat(committed.data().getString("source")).isEqualTo("MODEL");
        List<SseClient.Event> tokens = sse.all().stream().filter(e -> e.name().equals("token")).toList();
        assertThat(tokens).allSatisfy(t -> assertThat(t.data().getInteger("turn")).isEqualTo(1));
        assertThat(String.join("", tokens.stream().map(t -> t.data().getString("text")).toList()).strip())
                .isEqualTo(reply.getString("reply"));
        assertThat(names(sse).lastIndexOf("token")).as("every piece before the committed reply")
                .isLessThan(names(sse).indexOf("reply"));
    }

    @Test
    void should_end_with_the_replacement_when_the_guard_rejects_a_streamed_reply() throws Exception {
        Page page = page("llm");
        SseClient sse = page.sse();
        // Both attempts step out of character after a harmless start; the scripted line replaces them. The start is a
        // whole sentence, shown once its meaning is checked: the words after it come slowly enough for that.
        fake.otherwise(Reply.text("Sure, happy to talk. As an AI model I cannot say more.").tokenInterval(50));

        JsonObject reply = turn(page.session(), HOW_ARE_THINGS, page.stream()).await().bodyAsJsonObject();

        assertThat(reply.getString("source")).isEqualTo("SCRIPTED_FALLBACK");
        assertThat(reply.getString("reply")).isEqualTo("Sorry, what do you mean?");
        SseClient.Event committed = sse.next("reply", WAIT).orElseThrow();
        assertThat(committed.data().getString("text")).isEqualTo("Sorry, what do you mean?");
        List<String> names = names(sse);
        assertThat(names).as("the harmless start was shown, then withdrawn").contains("token", "restart");
        int lastRestart = names.lastIndexOf("restart");
        String afterRestart = String.join("", sse.all().subList(lastRestart, names.size()).stream()
                .filter(e -> e.name().equals("token")).map(e -> e.data().getString("text")).toList());
        assertThat(afterRestart).isEqualTo("Sorry, what do you mean?");
        assertThat(sse.all().stream().filter(e -> e.name().equals("token"))
                .map(e -> e.data().getString("text"))).noneMatch(t -> t.toLowerCase().contains("ai"));
    }

    @Test
    void should_cancel_the_model_call_when_the_pages_events_connection_closes() throws Exception {
        Page page = page("llm");
        SseClient sse = page.sse();
        // Held open after two words for as long as the test runs: the close, not the clock, ends the call.
        fake.enqueue(Reply.text("Well. It has been a long, long, long, long, long, long, long quarter for us.")
                .heldAfter(2, Promise.<Void>promise().future()));

        Future<HttpResponse<Buffer>> answer = turn(page.session(), HOW_ARE_THINGS, page.stream());
        assertThat(sse.next("token", WAIT)).as("the reply started streaming").isPresent();
        sse.close().await();

        long until = System.nanoTime() + WAIT.toNanos();
        while (!fake.requests().get(0).closedByClient() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(fake.requests().get(0).closedByClient()).as("the model call was cancelled mid-stream").isTrue();
        HttpResponse<Buffer> r = answer.await();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("send your line again");
        JsonObject transcript = web.get("/api/sessions/" + page.session()).putHeader("Cookie", cookie).send().await()
                .bodyAsJsonObject();
        assertThat(transcript.getJsonArray("turns")).as("nothing stored").isEmpty();
    }

    @Test
    void should_refuse_a_live_turn_without_the_csrf_token_or_from_another_rep_and_tell_the_owners_page_nothing()
            throws Exception {
        Page page = page("scripted");
        SseClient sse = page.sse();
        HttpResponse<Buffer> forged = web.post("/live/sessions/" + page.session() + "/turns").putHeader("Cookie", cookie)
                .putHeader("Accept", "application/json").sendJsonObject(new JsonObject().put("text", HOW_ARE_THINGS))
                .await();
        assertThat(forged.statusCode()).isEqualTo(403);

        app.users().create(new NewUser("rob", "password-rob", Role.rep, Optional.of("east"))).await();
        JsonObject rob = web.post("/api/login").sendJsonObject(new JsonObject().put("username", "rob")
                .put("password", "password-rob")).await().bodyAsJsonObject();
        for (String path : List.of("/live/sessions/", "/api/sessions/")) {
            HttpResponse<Buffer> other = web.post(path + page.session() + "/turns")
                    .putHeader("Cookie", "dtr_session=" + rob.getString("token"))
                    .putHeader("X-CSRF-Token", rob.getString("csrfToken")).putHeader("Accept", "application/json")
                    .sendJsonObject(new JsonObject().put("text", HOW_ARE_THINGS)).await();
            assertThat(other.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(web.get("/api/sessions/" + page.session()).putHeader("Cookie", cookie).send().await()
                .bodyAsJsonObject().getJsonArray("turns")).isEmpty();

        // The owner's own turn is the barrier: its events come after anything the refused attempts published.
        assertThat(turn(page.session(), HOW_ARE_THINGS, page.stream()).await().statusCode()).isEqualTo(200);
        sse.next("reply", WAIT).orElseThrow();
        List<SseClient.Event> events = sse.all();
        assertThat(names(sse)).as("nothing before the owner's turn but hello").startsWith("hello", "typing")
                .containsOnlyOnce("typing");
        assertThat(events.subList(1, events.size())).allSatisfy(e ->
                assertThat(e.data().getInteger("turn")).as(e.name()).isEqualTo(1));
    }

    @Test
    void should_stream_an_api_turn_to_the_page_and_publish_the_reply_it_stored() throws Exception {
        Page page = page("llm");
        SseClient sse = page.sse();
        fake.enqueue(Reply.text("Honestly, it's been slow."));

        HttpResponse<Buffer> answer = web.post("/api/sessions/" + page.session() + "/turns").putHeader("Cookie", cookie)
                .putHeader("X-CSRF-Token", csrf).sendJsonObject(new JsonObject().put("text", HOW_ARE_THINGS)).await();

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonObject reply = answer.bodyAsJsonObject();
        SseClient.Event committed = sse.next("reply", WAIT).orElseThrow();
        assertThat(committed.data().getString("text")).isEqualTo(reply.getString("reply"))
                .isEqualTo("Honestly, it's been slow.");
        assertThat(committed.data().getString("source")).isEqualTo(reply.getString("source"));
        assertThat(committed.data().getInteger("turn")).isEqualTo(1);
        assertThat(names(sse)).as("the API's turn streams like the page's").containsSubsequence("hello", "typing",
                "token", "reply");
        JsonObject stored = web.get("/api/sessions/" + page.session()).putHeader("Cookie", cookie).send().await()
                .bodyAsJsonObject().getJsonArray("turns").getJsonObject(0);
        assertThat(stored.getString("reply")).isEqualTo(committed.data().getString("text"));
    }

    @Test
    void should_let_go_of_events_connections_that_close_before_the_session_is_read(Vertx vertx) throws Exception {
        String session = session("scripted");
        Caller rita = app.auth().authenticate(cookie.substring(cookie.indexOf('=') + 1), true).await();
        LiveChannel channel = new LiveChannel(vertx, app.practice());
        Router router = Router.router(vertx);
        router.get("/events/:id").handler(ctx -> {
            ctx.put(AuthHandler.CALLER, rita);
            ctx.next();
        }).handler(channel::events);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        NetClient net = vertx.createNetClient();
        int pages = 20;
        try {
            // Each page sends its request and hangs up at once, mostly while the session is still being read.
            for (int i = 0; i < pages; i++) {
                NetSocket socket = net.connect(server.actualPort(), "127.0.0.1").await();
                socket.write("GET /events/" + session + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await();
                socket.close().await();
            }
            SseClient open = SseClient.open(http, server.actualPort(), "/events/" + session, cookie).await();
            assertThat(open.next("hello", WAIT)).isPresent();
            assertThat(channel.watching()).as("the open page is watched").isGreaterThanOrEqualTo(1);
            open.close().await();

            // A barrier, not a timing: every page has been served, and every close seen, well within WAIT.
            long until = System.nanoTime() + WAIT.toNanos();
            while ((channel.watched() < pages + 1 || channel.watching() > 0) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(channel.watched()).as("pages served").isEqualTo(pages + 1);
            assertThat(channel.watching()).as("consumers and heartbeats still registered").isZero();
        } finally {
            net.close().await();
            server.close().await();
        }
    }

    @Test
    void should_keep_scripted_personas_working_through_the_live_turn() throws Exception {
        Page page = page("scripted");
        SseClient sse = page.sse();

        JsonObject reply = turn(page.session(), "Honestly, no is fine if this isn't a priority now.", page.stream()).await()
                .bodyAsJsonObject();

        assertThat(reply.getString("reply")).isEqualTo("Honestly? Thanks for saying that.");
        assertThat(reply.getString("source")).isEqualTo("SCRIPTED");
        assertThat(sse.next("reply", WAIT).orElseThrow().data().getString("text"))
                .isEqualTo("Honestly? Thanks for saying that.");
        assertThat(fake.requests()).isEmpty();
    }
}
