package io.dtrcoach.server.llm;

import io.dtrcoach.core.persona.StalledCfo;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.state.ProspectState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.dtrcoach.server.llm.LatencyFigures.ms;
import static io.dtrcoach.server.llm.LatencyFigures.options;
import static io.dtrcoach.server.llm.LatencyFigures.pct;

/**
 * Prints the latency the server adds to the model's first token: when the reply's first token reaches the
 * listener (where the live channel writes to the browser) minus when the model endpoint wrote its first token.
 * The endpoint is {@link FakeLlmServer} with a fixed delay before the first token, on its own Vert.x instance.
 * This measures {@link LlmSpeaker} alone (LangChain4j, the event-loop hop and the reply guard's screen);
 * {@code io.dtrcoach.server.live.LiveLatencyBenchmark} measures the whole server as a browser sees it.
 *
 * <pre>
 * ./mvnw -B -q -pl server -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "server/target/test-classes:server/target/classes:$(cat server/target/test-classpath.txt)" \
 *     io.dtrcoach.server.llm.LlmLatencyBenchmark [--delay-ms 200] [--token-ms 15] [--samples 500] \
 *     [--concurrency 1,10,50] [--provider openai,ollama]
 * </pre>
 */
public final class LlmLatencyBenchmark {
    private static final String REPLY = "Look, it's been a busy quarter, and honestly I haven't had time to think about it.";
    private static final int TURNS_PER_CONVERSATION = 10;

    private final Vertx vertx;
    private final FakeLlmServer fake;
    private final Scenario scenario = StalledCfo.scenario();
    private final Engine engine = StalledCfo.engine(scenario);
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

    private LlmLatencyBenchmark(Vertx vertx, FakeLlmServer fake) {
        this.vertx = vertx;
        this.fake = fake;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long delayMs = Long.parseLong(opts.getOrDefault("delay-ms", "200"));
        long tokenMs = Long.parseLong(opts.getOrDefault("token-ms", "15"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "500"));
        int[] levels = Arrays.stream(opts.getOrDefault("concurrency", "1,10,50").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        List<String> providers = List.of(opts.getOrDefault("provider", "openai,ollama").split(","));

        Vertx fakeVertx = Vertx.vertx();
        Vertx vertx = Vertx.vertx();
        try {
            FakeLlmServer fake = FakeLlmServer.start(fakeVertx).await();
            fake.otherwise(FakeLlmServer.Reply.text(REPLY).delayed(delayMs).tokenInterval(tokenMs));
            LlmLatencyBenchmark bench = new LlmLatencyBenchmark(vertx, fake);
            System.out.printf(Locale.ROOT, "model endpoint: first token after %d ms, then a token every %d ms; "
                    + "%d turns per conversation; %d CPUs; load average %s%n", delayMs, tokenMs, TURNS_PER_CONVERSATION,
                    Runtime.getRuntime().availableProcessors(), LatencyFigures.loadAverage());
            System.out.println("added latency = listener's first token - endpoint's first token write");
            for (String provider : providers) {
                try (LlmSpeaker speaker = LlmSpeaker.create(vertx, bench.config(provider.strip()), io.dtrcoach.core.embed.TextEmbedder.create())) {
                    bench.run(speaker, 10, 3); // warm-up: JIT, connection pools
                    for (int c : levels) {
                        int rounds = Math.max(1, (int) Math.ceil(samples / (double) (c * TURNS_PER_CONVERSATION)));
                        List<Long> added = bench.run(speaker, c, rounds);
                        System.out.printf(Locale.ROOT,
                                "%-7s %3d concurrent: n=%5d  added p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                                provider.strip(), c, added.size(), ms(pct(added, 50)), ms(pct(added, 99)),
                                ms(pct(added, 100)));
                    }
                }
            }
        } finally {
            vertx.close().await();
            fakeVertx.close().await();
        }
    }

    private LlmConfig config(String provider) {
        Map<String, String> m = new HashMap<>();
        m.put(LlmConfig.PROVIDER, provider);
        m.put(LlmConfig.MODEL, "bench");
        m.put(LlmConfig.BASE_URL, provider.equals("ollama") ? fake.ollamaBaseUrl() : fake.openAiBaseUrl());
        m.put(LlmConfig.FIRST_TOKEN_TIMEOUT_MS, "30000");
        m.put(LlmConfig.TIMEOUT_MS, "120000");
        m.put(LlmConfig.MAX_RETRIES, "0");
        m.put(LlmConfig.BREAKER_FAILURES, "1000");
        return LlmConfigTest.fromEnvironment(m);
    }

    /** Runs {@code concurrency} conversations at once, {@code rounds} times; returns added latencies (ns). */
    private List<Long> run(LlmSpeaker speaker, int concurrency, int rounds) throws TimeoutException {
        List<Long> added = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            fake.clearRequests();
            firstSeen.clear();
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                String id = "c" + concurrency + "r" + r + "n" + i;
                all.add(conversation(speaker, id, engine.start(i), History.start(StalledCfo.OPENING), 1));
            }
            Future.all(all).await(10, TimeUnit.MINUTES);
            added.addAll(LatencyFigures.added(fake.requests(), firstSeen));
        }
        return added;
    }

    private Future<Void> conversation(LlmSpeaker speaker, String id, ProspectState state, History history, int turn) {
        if (turn > TURNS_PER_CONVERSATION) {
            return Future.succeededFuture();
        }
        String marker = id + "t" + turn;
        String rep = "How are things on your side these days? #" + marker;
        Step step = engine.step(state, rep);
        Speech speech = speaker.speak(scenario, history, step, new ReplyListener() {
            @Override
            public void onToken(String text) {
                firstSeen.putIfAbsent(marker, System.nanoTime());
            }

            @Override
            public void onRestart() {
            }
        });
        return speech.reply().compose(reply -> {
            if (!reply.source().fromModel()) {
                return Future.failedFuture("turn " + marker + " fell back: " + reply.incidents());
            }
            return conversation(speaker, id, step.after(), history.then(rep, reply.text()), turn + 1);
        });
    }
}
