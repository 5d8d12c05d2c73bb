package io.dtrcoach.server.live;

import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.llm.FakeLlmServer;
import io.dtrcoach.server.llm.LatencyFigures;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.dtrcoach.server.llm.LatencyFigures.loadAverage;
import static io.dtrcoach.server.llm.LatencyFigures.ms;
import static io.dtrcoach.server.llm.LatencyFigures.options;
import static io.dtrcoach.server.llm.LatencyFigures.pct;

/**
 * Prints the server's added latency to the first token as a browser sees it: when a page's events connection
 * (an SSE client of {@code /live/sessions/{id}/events}) reads the turn's first {@code token} event, minus when the
 * model endpoint wrote its first token. The whole server runs in-process (HTTP, auth, the engine, H2, LangChain4j,
 * the reply guard, the event bus, the live channel); the endpoint is {@link FakeLlmServer} with a fixed delay
 * before the first token, on its own Vert.x instance, and the clients on a third. Conversations run at once, each
 * with its own session, events connection and turns posted the way the practice page posts them.
 *
 * <pre>
 * ./mvnw -B -q -o -pl server -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "server/target/test-classes:server/target/classes:$(cat server/target/test-classpath.txt)" \
 *     io.dtrcoach.server.live.LiveLatencyBenchmark [--delay-ms 200] [--token-ms 15] [--samples 250] \
 *     [--concurrency 1,10,50]
 * </pre>
 */
public final class LiveLatencyBenchmark {
    private static final String REPLY = "Look, it's been a busy quarter, honestly.";
    /** The test scenario allows six turns; five leaves the session open. */
    private static final int TURNS_PER_CONVERSATION = 5;

    private final FakeLlmServer fake;
    private final Application app;
    private final WebClient web;
    private final HttpClient http;
    private final String token;
    private final String cookie;
    private final String csrf;
    private final Map<String, Long> firstRead = new ConcurrentHashMap<>();

    private LiveLatencyBenchmark(FakeLlmServer fake, Application app, Vertx clients) {
        this.fake = fake;
        this.app = app;
        this.web = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port()), new PoolOptions().setHttp1MaxSize(200));
        this.http = clients.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(200));
        app.users().create(new NewUser("bench", "password-bench", Role.rep, Optional.of("bench"))).await();
        JsonObject login = web.post("/api/login").sendJsonObject(new JsonObject().put("username", "bench")
                .put("password", "password-bench")).await().bodyAsJsonObject();
        this.token = login.getString("token");
        this.cookie = "dtr_session=" + token;
        this.csrf = login.getString("csrfToken");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long delayMs = Long.parseLong(opts.getOrDefault("delay-ms", "200"));
        long tokenMs = Long.parseLong(opts.getOrDefault("token-ms", "15"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "250"));
        int[] levels = Arrays.stream(opts.getOrDefault("concurrency", "1,10,50").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();

        Path dir = Files.createTempDirectory("dtr-live-bench");
        Vertx fakeVertx = Vertx.vertx();
        Vertx serverVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        Database database = TestDatabases.h2(dir.resolve("data"));
        Application app = null;
        try {
            FakeLlmServer fake = FakeLlmServer.start(fakeVertx).await();
            fake.otherwise(FakeLlmServer.Reply.text(REPLY).delayed(delayMs).tokenInterval(tokenMs));
            Map<String, String> llm = new HashMap<>();
            llm.put("llm.provider", "openai");
            llm.put("llm.base-url", fake.openAiBaseUrl());
            llm.put("llm.model", "bench");
            llm.put("llm.first-token-timeout-ms", "30000");
            llm.put("llm.timeout-ms", "120000");
            llm.put("llm.max-retries", "0");
            llm.put("llm.breaker-failures", "1000");
            app = Application.start(serverVertx, database, TestConfig.config(dir.resolve("data"), llm),
                    TestParts.create(TestScenarios.catalogWithLlm("bench"), Clock.systemUTC())).await();
            LiveLatencyBenchmark bench = new LiveLatencyBenchmark(fake, app, clientVertx);
            System.out.printf(Locale.ROOT, "model endpoint: first token after %d ms, then a token every %d ms; "
                    + "%d turns per conversation; %d CPUs; load average at start: %s%n", delayMs, tokenMs,
                    TURNS_PER_CONVERSATION, Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.println("added latency = SSE client's first token event - endpoint's first token write");
            bench.run(10, 2); // warm-up: JIT, connection pools, the database
            for (int c : levels) {
                int rounds = Math.max(1, (int) Math.ceil(samples / (double) (c * TURNS_PER_CONVERSATION)));
                List<Long> added = bench.run(c, rounds);
                System.out.printf(Locale.ROOT,
                        "%3d concurrent: n=%5d  added p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   (load average %s)%n",
                        c, added.size(), ms(pct(added, 50)), ms(pct(added, 99)), ms(pct(added, 100)), loadAverage());
            }
        } finally {
            if (app != null) {
                app.close().await();
            }
            database.close();
            clientVertx.close().await();
            serverVertx.close().await();
            fakeVertx.close().await();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Runs {@code concurrency} conversations at once, {@code rounds} times; returns added latencies (ns). */
    private List<Long> run(int concurrency, int rounds) throws Exception {
        List<Long> added = new ArrayList<>();
        ExecutorService pages = Executors.newFixedThreadPool(concurrency);
        try {
            for (int r = 0; r < rounds; r++) {
                fake.clearRequests();
                firstRead.clear();
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    String id = "c" + concurrency + "r" + r + "n" + i;
                    all.add(pages.submit(() -> {
                        conversation(id);
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(10, TimeUnit.MINUTES);
                }
                added.addAll(LatencyFigures.added(fake.requests(), firstRead));
            }
        } finally {
            pages.shutdownNow();
        }
        return added;
    }

    /** One practice page: a session, its events connection, and its turns, one after another. */
    private void conversation(String id) throws InterruptedException {
        HttpResponse<Buffer> started = web.post("/api/sessions").bearerTokenAuthentication(token)
                .sendJsonObject(new JsonObject().put("scenario", TestScenarios.LLM_ID).put("persona", "llm")).await();
        if (started.statusCode() != 201) {
            throw new IllegalStateException("start: " + started.statusCode() + " " + started.bodyAsString());
        }
        String session = started.bodyAsJsonObject().getString("id");
        SseClient sse = SseClient.open(http, app.port(), "/live/sessions/" + session + "/events", cookie).await();
        try {
            String stream = sse.next("hello").data().getString("stream");
            for (int turn = 1; turn <= TURNS_PER_CONVERSATION; turn++) {
                String marker = id + "t" + turn;
                io.vertx.core.Future<HttpResponse<Buffer>> answer = web.post("/live/sessions/" + session + "/turns")
                        .putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf)
                        .sendJsonObject(new JsonObject().put("text", "How are things on your side these days? #"
                                + marker).put("stream", stream));
                firstRead.put(marker, sse.next("token").readAt());
                HttpResponse<Buffer> r = answer.await();
                if (r.statusCode() != 200 || !"MODEL".equals(r.bodyAsJsonObject().getString("source"))) {
                    throw new IllegalStateException("turn " + marker + ": " + r.statusCode() + " " + r.bodyAsString());
                }
                sse.next("reply"); // the turn's remaining pieces are read; the next token is the next turn's
            }
        } finally {
            sse.close();
        }
    }
}
