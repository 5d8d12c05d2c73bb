package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load generator: simulated reps log in and play scripted conversations over the real JSON API, then the
 * same client and concurrency hammer a no-op Vert.x endpoint as a yardstick. It starts the server itself as a
 * child process (H2 by default, PostgreSQL with {@code --db-url}) or targets a running one ({@code --url}),
 * and stops by itself. Run {@code java -cp server/target/dtr.jar io.dtrcoach.server.bench.LoadGenerator --help}.
 *
 * <p>Phases: set-up (users, logins) → every script played once → every rep opens a conversation and takes one
 * turn, held open while the server's heap is measured after a full GC → the reps play without think time for
 * {@code --jit-warm-up} seconds, not measured, so that the figures are those of a server that has been running (a
 * fresh JVM spends its first tens of seconds compiling the turn path, which showed as CPU and latency in the steady
 * phase) → steady play with think time (the latency figures) → capacity, the same reps without think time (the
 * throughput figure) → the no-op endpoint under the same load.
 */
@Command(name = "LoadGenerator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run simulated reps through scripted conversations over the JSON API and print throughput, "
                + "latency, errors, server heap and CPU, and the ratio to a no-op Vert.x endpoint.")
public final class LoadGenerator implements Callable<Integer> {
    private static final Pattern SERVER_READY = Pattern.compile("DTR Coach listening on http://[^:]+:(\\d+)");
    private static final Pattern NOOP_READY = Pattern.compile(Pattern.quote(NoopServer.READY) + "(\\d+)");
    private static final double KIB = 1024.0;
    private static final double MIB = 1024.0 * 1024.0;

    @Option(names = "--url", description = "target a running server (e.g. http://127.0.0.1:8080) instead of starting one")
    String url;

    @Option(names = "--server-pid", description = "with --url: the server's pid, for heap (jcmd) and CPU (/proc) figures")
    Long serverPid;

    @Option(names = "--jar", description = "the dtr.jar to start the server from (default: this program's class path)")
    Path jar;

    @Option(names = "--server-java-opts", split = " ", defaultValue = "-Xmx1g -XX:+UseG1GC",
            description = "JVM options of the server child (default: ${DEFAULT-VALUE})")
    List<String> serverJavaOpts;

    @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database for the server child (default: H2 in a temporary directory)")
    String dbUrl;

    @Option(names = "--db-user", description = "database user for --db-url")
    String dbUser;

    @Option(names = "--db-password", description = "database password for --db-url")
    String dbPassword;

    @Option(names = "--admin-user", defaultValue = "admin", description = "admin account that creates the reps (default: ${DEFAULT-VALUE})")
    String adminUser;

    @Option(names = "--admin-password", description = "its password (default: env DTR_ADMIN_PASSWORD; generated for a server child)")
    String adminPassword;

    @Option(names = "--password-iterations", defaultValue = "10000",
            description = "PBKDF2 iterations of the server child, so set-up does not spend minutes hashing (default: ${DEFAULT-VALUE})")
    int passwordIterations;

    @Option(names = "--reps", defaultValue = "500", description = "concurrent reps, each playing one conversation at a time (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--think-ms", defaultValue = "3000",
            description = "mean think time before each turn in the steady phase, uniform within ±50%% (default: ${DEFAULT-VALUE})")
    int thinkMs;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of steady play (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--turns", defaultValue = "0", description = "at most this many turns per conversation; 0: the whole script (default)")
    int maxTurns;

    @Option(names = "--conversations", defaultValue = "0",
            description = "in the steady phase each rep finishes at most this many conversations; 0: no limit, play for --duration (default)")
    int maxConversations;

    @Option(names = "--jit-warm-up", defaultValue = "90",
            description = "seconds of unmeasured play without think time before the measured phases, so the JIT has "
                    + "compiled the turn path; 0 skips it (default: ${DEFAULT-VALUE})")
    int jitWarmUpSeconds;

    @Option(names = "--capacity-seconds", defaultValue = "15",
            description = "seconds of play without think time, and as long again on the no-op endpoint; 0 skips both (default: ${DEFAULT-VALUE})")
    int capacitySeconds;

    @Option(names = "--noop", defaultValue = "child",
            description = "where the no-op yardstick runs: child (its own JVM), in-process, or off (default: ${DEFAULT-VALUE})")
    String noopMode;

    @Option(names = "--timeout-ms", defaultValue = "30000", description = "per-request timeout (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = "--max-errors", defaultValue = "1000", description = "stop a phase early after this many errors (default: ${DEFAULT-VALUE})")
    int maxErrors;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the think times (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--live", description = "each conversation is also followed on the live channel (SSE), as the practice "
            + "page does, and the time from sending a turn to its reply event arriving there is measured")
    boolean live;

    @Option(names = "--unique-lines", description = "every rep line sent is unique (a take number is appended), so no "
            + "line is ever served from the embedding cache: the figures then include the model's cost on every turn")
    boolean uniqueLines;

    /** Counts every line sent, to make each one unique with {@code --unique-lines}. */
    private final java.util.concurrent.atomic.AtomicLong takes = new java.util.concurrent.atomic.AtomicLong();

    @Option(names = "--jfr", description = "record a JFR profile of the server child into this file")
    Path jfr;

    @Option(names = "--start-timeout", defaultValue = "600", description = "seconds to wait for the server child to listen (default: ${DEFAULT-VALUE})")
    int startTimeoutSeconds;

    @Option(names = "--work-dir", description = "where the server child's data and logs go (default: a new temporary directory)")
    Path workDir;

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger errorCount = new AtomicInteger();
    /** The first message seen of each kind of error, to say what went wrong. */
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private PrintStream out = System.out;
    private Vertx vertx;
    private Scripts scripts;
    /** With {@code --live}: the practice pages' event streams, one connection per open conversation. */
    private HttpClient liveClient;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    /** Parses {@code args} as the command line does (for tests). */
    public static LoadGenerator parse(String... args) {
        LoadGenerator generator = new LoadGenerator();
        new CommandLine(generator).parseArgs(args);
        return generator;
    }

    @Override
    public Integer call() throws Exception {
        Result result = run(System.out);
        return result.errors().isEmpty() ? 0 : 1;
    }

    /** Runs every phase, prints the figures to {@code out} as it goes and returns them. */
    public Result run(PrintStream printTo) throws Exception {
        this.out = printTo;
        if (reps < 1 || durationSeconds < 0 || capacitySeconds < 0 || thinkMs < 0 || jitWarmUpSeconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--reps must be at least 1; durations and think time not negative");
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("dtr-bench-");
        String loadStart = ServerProbe.loadAverage();
        List<AutoCloseable> closers = new ArrayList<>();
        vertx = Vertx.vertx();
        try {
            Target target = target(dir, closers);
            out.printf("DTR Coach load run, %s%n", Instant.now());
            out.printf("machine: %d cores, load average at start %s%n", Runtime.getRuntime().availableProcessors(), loadStart);
            out.printf("server: %s%n", target.description());

            PoolOptions pool = new PoolOptions().setHttp1MaxSize(reps + 16).setMaxWaitQueueSize(-1);
            WebClient api = WebClient.create(vertx, clientOptions(target.host(), target.port()), pool);
            if (live) {
                liveClient = vertx.createHttpClient(clientOptions(target.host(), target.port()),
                        new PoolOptions().setHttp1MaxSize(reps + 16).setMaxWaitQueueSize(-1));
            }
            Setup setup = setUp(api);
            out.printf("set-up: %d reps created and logged in in %.1f s; %d scripted conversations from %d scenarios%n",
                    reps, setup.seconds(), setup.scripts().size(), setup.scripts().scenarios());

            warmUp(api, setup);
            ServerProbe probe = target.probe();
            Optional<Long> heapIdle = probe.heapAfterFullGc();

            List<Rep> cast = setup.reps();
            Phase opening = new Phase("opening", 0, Duration.ofMinutes(10), 0);
            runAll(cast, rep -> startConversation(api, rep, opening).compose(v -> turn(api, rep, opening))
                    .onFailure(e -> abandon(rep)));
            opening.finish();
            int open = (int) cast.stream().filter(r -> r.session != null).count();
            Optional<Long> heapHeld = probe.heapAfterFullGc();
            Optional<Double> perConversation = heapIdle.flatMap(idle -> heapHeld.map(held ->
                    open == 0 ? 0.0 : (held - idle) / (double) open));
            out.printf("opening: %d of %d reps opened a conversation and took its first turn in %.1f s; turn latency %s;"
                    + " errors %d%n", open, reps, opening.seconds(), opening.turns.summary().format(),
                    errorCount.get() - opening.errorsAtStart);
            out.printf("heap after full GC: idle %s, with %d open conversations %s: %s per active conversation%n",
                    mib(heapIdle), open, mib(heapHeld), perConversation.map(b -> String.format("%.1f KiB", b / KIB))
                            .orElse("unknown (no server pid)"));

            if (jitWarmUpSeconds > 0) {
                // After the heap figure (a warmed server's caches blur it), before the latency figures.
                Phase jit = new Phase("JIT warm-up (not measured)", 0, Duration.ofSeconds(jitWarmUpSeconds), 0);
                out.println(play(api, cast, jit, probe).format());
            }
            Phase steady = new Phase("steady", thinkMs, Duration.ofSeconds(durationSeconds), maxConversations);
            PhaseFigures steadyFigures = play(api, cast, steady, probe);
            out.println(steadyFigures.format());

            Optional<PhaseFigures> capacity = Optional.empty();
            if (capacitySeconds > 0) {
                Phase flat = new Phase("capacity", 0, Duration.ofSeconds(capacitySeconds), 0);
                capacity = Optional.of(play(api, cast, flat, probe));
                out.println(capacity.get().format());
            }
            runAll(cast, rep -> rep.session == null ? Future.succeededFuture() : endConversation(api, rep, null));
            Optional<Long> heapAfter = probe.heapAfterFullGc();
            out.printf("heap after full GC at the end: %s (idle was %s)%n", mib(heapAfter), mib(heapIdle));

            Optional<PhaseFigures> noop = capacitySeconds > 0 && !noopMode.equals("off")
                    ? Optional.of(noop(vertx, dir, closers, cast, setup.scripts())) : Optional.empty();
            noop.ifPresent(n -> out.println(n.format()));
            Optional<Double> ratio = capacity.flatMap(c -> noop.map(n -> n.turnsPerSecond() == 0 ? 0
                    : c.turnsPerSecond() / n.turnsPerSecond()));
            out.printf("ratio: our turn throughput is %s of the no-op Vert.x endpoint's request throughput%n",
                    ratio.map(r -> String.format("%.3f", r)).orElse("unknown (no capacity or no-op phase)"));

            Map<String, Long> errorsByKind = new TreeMap<>();
            errors.forEach((k, v) -> errorsByKind.put(k, v.sum()));
            out.printf("errors: %s%n", errorsByKind.isEmpty() ? "none" : errorsByKind.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
            new TreeMap<>(firstErrors).forEach((kind, detail) -> out.printf("  first %s: %s%n", kind, detail));
            String loadEnd = ServerProbe.loadAverage();
            out.printf("load average at end: %s%n", loadEnd);
            Result result = new Result(reps, open, heapIdle, heapHeld, heapAfter, perConversation, steadyFigures,
                    capacity, noop, ratio, errorsByKind, loadStart, loadEnd);
            out.println(result.targets());
            return result;
        } finally {
            for (int i = closers.size() - 1; i >= 0; i--) {
                try {
                    closers.get(i).close();
                } catch (Exception e) {
                    out.printf("warning: stopping %s failed: %s%n", closers.get(i), e);
                }
            }
            vertx.close().await();
        }
    }

    // ---- the server under test

    private record Target(String host, int port, ServerProbe probe, String description) {
    }

    private Target target(Path dir, List<AutoCloseable> closers) throws IOException, InterruptedException {
        if (adminPassword == null) {
            adminPassword = System.getenv("DTR_ADMIN_PASSWORD");
        }
        if (url != null) {
            if (adminPassword == null) {
                throw new IllegalArgumentException("--url needs the admin's password: --admin-password or DTR_ADMIN_PASSWORD");
            }
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            return new Target(uri.getHost(), port, new ServerProbe(Optional.ofNullable(serverPid)),
                    url + (serverPid != null ? " (pid " + serverPid + ")" : " (no pid: no heap or CPU figures)"));
        }
        if (adminPassword == null) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            adminPassword = "bench-" + HexFormat.of().formatHex(bytes);
        }
        List<String> args = new ArrayList<>(serverJavaOpts.stream().filter(s -> !s.isBlank()).toList());
        if (jfr != null) {
            args.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        args.addAll(List.of("-cp", classPath(), "io.dtrcoach.server.Main", "serve", "--host", "127.0.0.1",
                "--port", "0", "--data", dir.resolve("data").toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DTR_ADMIN_PASSWORD", adminPassword);
        env.put("DTR_PASSWORD_ITERATIONS", Integer.toString(passwordIterations));
        // A thousand logins from one address must not trip the per-address limit if one of them fails.
        env.put("DTR_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000");
        if (dbUrl != null) {
            env.put("DTR_DB_URL", dbUrl);
            Optional.ofNullable(dbUser).ifPresent(u -> env.put("DTR_DB_USER", u));
            Optional.ofNullable(dbPassword).ifPresent(p -> env.put("DTR_DB_PASSWORD", p));
        }
        JavaChild child = JavaChild.start(args, env, dir.resolve("server.log"), SERVER_READY, Duration.ofSeconds(startTimeoutSeconds));
        closers.add(child);
        String db = dbUrl != null ? "PostgreSQL " + dbUrl : "H2 file database in " + dir.resolve("data");
        return new Target("127.0.0.1", child.port(), new ServerProbe(Optional.of(child.pid())),
                "child pid " + child.pid() + " on port " + child.port() + ", " + db + ", JVM " + String.join(" ", serverJavaOpts)
                        + (jfr != null ? ", JFR to " + jfr : "") + "; log " + child.log());
    }

    private String classPath() {
        return jar != null ? jar.toAbsolutePath().toString() : System.getProperty("java.class.path");
    }

    private WebClientOptions clientOptions(String host, int port) {
        return new WebClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true)
                .setUserAgent("dtr-loadgen").setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
    }

    // ---- set-up

    private record Setup(List<Rep> reps, Scripts scripts, double seconds) {
    }

    private Setup setUp(WebClient api) {
        long started = System.nanoTime();
        String adminToken = login(api, adminUser, adminPassword).await();
        JsonArray offered = send(api, HttpMethod.GET, "/api/scenarios", adminToken, null, 200, "scenarios", null)
                .await().getJsonArray("scenarios");
        List<String> ids = offered.stream().map(o -> ((JsonObject) o).getString("id")).toList();
        scripts = Scripts.shipped(ids);
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        // Each rep's think times from its own well-mixed seed: java.util.Random seeded with neighbouring numbers
        // draws nearly the same first value (0.3745, 0.3741, 0.3740, … for seeds 1000003, 1000004, …), which sent
        // every rep's first turn of a phase at the same instant and put that burst into the steady-phase latencies.
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Rep> cast = IntStream.range(0, reps)
                .mapToObj(i -> new Rep(i, "bench-" + run + "-" + i, new Random(seeds.nextLong()))).toList();
        // The team first: creating it implicitly from concurrent user creations races on its unique name (a 500).
        send(api, HttpMethod.POST, "/api/teams", adminToken, new JsonObject().put("name", "bench-" + run), 201,
                "create team", null).await();
        // Bounded parallelism: creating and logging in hashes a password each, on the server's worker pool.
        inBatches(cast, 32, rep -> send(api, HttpMethod.POST, "/api/users", adminToken, new JsonObject()
                .put("username", rep.username).put("password", rep.username + "-pw").put("role", "rep").put("team", "bench-" + run), 201, "create user", null)
                .compose(v -> login(api, rep.username, rep.username + "-pw"))
                .map(token -> {
                    rep.token = token;
                    return null;
                }));
        long missing = cast.stream().filter(r -> r.token == null).count();
        if (missing > 0) {
            throw new IllegalStateException(missing + " of " + reps + " reps could not be created or logged in; errors: " + errors);
        }
        return new Setup(cast, scripts, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Plays every script once, to the end, before anything is measured: the server builds each scenario's engine
     * (example embeddings) and caches the scripted lines' embeddings once, which would otherwise be counted as
     * heap held by the first open conversations and as latency of the first turns.
     */
    private void warmUp(WebClient api, Setup setup) {
        long started = System.nanoTime();
        Phase warm = new Phase("warm-up", 0, Duration.ofMinutes(10), 0);
        List<Rep> cast = setup.reps();
        int n = scripts.size();
        for (int from = 0; from < n; from += cast.size()) {
            int base = from;
            runAll(cast.subList(0, Math.min(cast.size(), n - from)), rep -> {
                Scripts.Script script = scripts.get(base + rep.index);
                Promise<Void> done = Promise.promise();
                startConversation(api, rep, warm, script).onComplete(ar -> playOut(api, rep, warm, done));
                return done.future();
            });
        }
        cast.forEach(r -> r.conversations = 0);
        out.printf("warm-up: every one of the %d scripts played once in %.1f s; first-time turn latency %s; errors %d%n",
                n, (System.nanoTime() - started) / 1e9, warm.turns.summary().format(), errorCount.get() - warm.errorsAtStart);
    }

    private void playOut(WebClient api, Rep rep, Phase phase, Promise<Void> done) {
        if (rep.session == null) {
            done.complete();
            return;
        }
        step(api, rep, phase, false).onComplete(ar -> {
            if (ar.failed()) {
                abandon(rep);
            }
            playOut(api, rep, phase, done);
        });
    }

    private Future<String> login(WebClient api, String username, String password) {
        return send(api, HttpMethod.POST, "/api/login", null,
                new JsonObject().put("username", username).put("password", password), 200, "login", null)
                .map(body -> body.getString("token"));
    }

    private <T> void inBatches(List<Rep> cast, int size, java.util.function.Function<Rep, Future<T>> work) {
        for (int from = 0; from < cast.size(); from += size) {
            List<Future<T>> batch = cast.subList(from, Math.min(cast.size(), from + size)).stream().map(work).toList();
            Future.join(batch).otherwiseEmpty().await();
        }
    }

    // ---- playing

    /** One simulated rep: one conversation at a time, its own token and think-time stream. */
    private static final class Rep {
        final int index;
        final String username;
        final Random random;
        String token;
        String session;
        Scripts.Script script;
        int nextLine;
        boolean prospectEnded;
        int conversations;
        LiveStream liveStream;
        /** Turns whose reply the live channel has not brought yet: when each was sent, and its phase. */
        final Map<Integer, Sent> awaitingLive = new ConcurrentHashMap<>();
        volatile Promise<Void> liveDrained;

        Rep(int index, String username, Random random) {
            this.index = index;
            this.username = username;
            this.random = random;
        }
    }

    private record Sent(Phase phase, long nanos) {
    }

    /** A bounded stretch of play whose requests are counted together. */
    private final class Phase {
        final String name;
        final int thinkMs;
        final long deadline;
        final int maxConversations;
        final Latencies turns = new Latencies();
        /** With {@code --live}: from sending a turn to its reply event arriving on the conversation's live channel. */
        final Latencies liveReplies = new Latencies();
        final LongAdder conversationsEnded = new LongAdder();
        final long startedNanos = System.nanoTime();
        final int errorsAtStart = errorCount.get();
        long finishedNanos;

        Phase(String name, int thinkMs, Duration length, int maxConversations) {
            this.name = name;
            this.thinkMs = thinkMs;
            this.deadline = startedNanos + length.toNanos();
            this.maxConversations = maxConversations;
        }

        boolean over(Rep rep) {
            return System.nanoTime() >= deadline
                    || (maxConversations > 0 && rep.conversations >= maxConversations)
                    || errorCount.get() - errorsAtStart >= maxErrors;
        }

        void finish() {
            finishedNanos = System.nanoTime();
        }

        double seconds() {
            return (finishedNanos - startedNanos) / 1e9;
        }
    }

    private PhaseFigures play(WebClient api, List<Rep> cast, Phase phase, ServerProbe probe) throws IOException {
        cast.forEach(r -> r.conversations = 0);
        Optional<Double> cpuBefore = probe.cpuSeconds();
        double selfBefore = ServerProbe.cpuSeconds(Path.of("/proc/self/stat"));
        int errorsBefore = errorCount.get();
        runAll(cast, rep -> {
            Promise<Void> done = Promise.promise();
            // The first think is drawn from [0, 1.5 × mean] so the reps do not move in lockstep.
            loop(api, rep, phase, true, done);
            return done.future();
        });
        phase.finish();
        Optional<Double> cpu = probe.cpuSeconds().flatMap(after -> cpuBefore.map(before -> after - before));
        double self = ServerProbe.cpuSeconds(Path.of("/proc/self/stat")) - selfBefore;
        return new PhaseFigures(phase.name, cast.size(), phase.thinkMs, phase.seconds(),
                phase.conversationsEnded.sum(), phase.turns.summary(), cpu, self, errorCount.get() - errorsBefore, "turns",
                live ? Optional.of(phase.liveReplies.summary()) : Optional.empty());
    }

    private void loop(WebClient api, Rep rep, Phase phase, boolean first, Promise<Void> done) {
        if (phase.over(rep)) {
            done.complete();
            return;
        }
        step(api, rep, phase, first).onComplete(ar -> {
                    if (ar.failed()) {
                        // Abandon the conversation; pause so a failing server is not spun against.
                        abandon(rep);
                        rep.prospectEnded = false;
                        vertx.setTimer(Math.max(100, phase.thinkMs), t -> loop(api, rep, phase, false, done));
                    } else {
                        loop(api, rep, phase, false, done);
                    }
                });
    }

    /** Ends a finished conversation, or starts one if needed, thinks, and takes the next turn. */
    private Future<Void> step(WebClient api, Rep rep, Phase phase, boolean first) {
        if (rep.session != null && (rep.prospectEnded || rep.nextLine >= lines(rep))) {
            return endConversation(api, rep, phase);
        }
        Future<Void> ready = rep.session == null ? startConversation(api, rep, phase) : Future.succeededFuture();
        return ready.compose(v -> think(api, rep, phase, first))
                .compose(v -> turn(api, rep, phase))
                .compose(ended -> ended || rep.nextLine >= lines(rep) ? endConversation(api, rep, phase)
                        : Future.succeededFuture());
    }

    private Future<Void> think(WebClient api, Rep rep, Phase phase, boolean first) {
        if (phase.thinkMs == 0) {
            return Future.succeededFuture();
        }
        long ms = first ? (long) (rep.random.nextDouble() * 1.5 * phase.thinkMs)
                : (long) (phase.thinkMs * (0.5 + rep.random.nextDouble()));
        if (ms <= 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(ms, t -> p.complete());
        return p.future();
    }

    private int lines(Rep rep) {
        int n = rep.script.lines().size();
        return maxTurns > 0 ? Math.min(maxTurns, n) : n;
    }

    private Future<Void> startConversation(WebClient api, Rep rep, Phase phase) {
        return startConversation(api, rep, phase, scripts.pick(rep.index, rep.conversations + rep.index));
    }

    private Future<Void> startConversation(WebClient api, Rep rep, Phase phase, Scripts.Script script) {
        return send(api, HttpMethod.POST, "/api/sessions", rep.token, new JsonObject().put("scenario", script.scenarioId()),
                201, "start", null).compose(body -> {
            rep.session = body.getString("id");
            rep.script = script;
            rep.nextLine = 0;
            rep.prospectEnded = false;
            return live ? followLive(rep) : Future.succeededFuture();
        });
    }

    /** Opens the conversation's live channel before its first turn, so that no reply event is missed. */
    private Future<Void> followLive(Rep rep) {
        return LiveStream.open(liveClient, rep.session, rep.token, (turn, arrived) -> {
            Sent sent = rep.awaitingLive.remove(turn);
            if (sent != null) {
                sent.phase().liveReplies.record(arrived - sent.nanos());
            }
            Promise<Void> drained = rep.liveDrained;
            if (drained != null && rep.awaitingLive.isEmpty()) {
                drained.tryComplete();
            }
        }).transform(ar -> {
            if (ar.failed()) {
                return error("live " + ar.cause().getClass().getSimpleName(), ar.cause().getMessage());
            }
            rep.liveStream = ar.result();
            return Future.succeededFuture();
        });
    }

    private void abandon(Rep rep) {
        rep.session = null;
        closeLive(rep);
    }

    /**
     * Before a conversation ends, waits (10 s at most) for the reply events still on their way, as the practice
     * page shows the last reply before the rep leaves; the reply event trails the turn's HTTP response.
     */
    private Future<Void> liveDrained(Rep rep) {
        if (rep.liveStream == null || rep.awaitingLive.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        rep.liveDrained = drained;
        long timer = vertx.setTimer(10_000, t -> drained.tryComplete());
        if (rep.awaitingLive.isEmpty()) {
            drained.tryComplete();
        }
        return drained.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            rep.liveDrained = null;
        });
    }

    private static void closeLive(Rep rep) {
        rep.awaitingLive.clear();
        if (rep.liveStream != null) {
            rep.liveStream.close();
            rep.liveStream = null;
        }
    }

    /** Takes the rep's next turn; true when the prospect ended the conversation. */
    private Future<Boolean> turn(WebClient api, Rep rep, Phase phase) {
        String line = Scripts.take(rep.script.lines().get(rep.nextLine), uniqueLines ? takes.incrementAndGet() : 0);
        if (rep.liveStream != null) {
            rep.awaitingLive.put(rep.nextLine + 1, new Sent(phase, System.nanoTime()));
        }
        return send(api, HttpMethod.POST, "/api/sessions/" + rep.session + "/turns", rep.token,
                new JsonObject().put("text", line), 200, "turn", phase.turns).map(body -> {
            rep.nextLine++;
            rep.prospectEnded = body.getBoolean("ended", false);
            return rep.prospectEnded;
        });
    }

    private Future<Void> endConversation(WebClient api, Rep rep, Phase phase) {
        return liveDrained(rep).compose(v -> send(api, HttpMethod.POST, "/api/sessions/" + rep.session + "/end",
                rep.token, new JsonObject(), 200, "end", null)).map(body -> {
            rep.session = null;
            closeLive(rep);
            rep.conversations++;
            if (phase != null) {
                phase.conversationsEnded.increment();
            }
            return null;
        });
    }

    private void runAll(List<Rep> cast, java.util.function.Function<Rep, Future<?>> work) {
        Future.join(cast.stream().map(work).toList()).otherwiseEmpty().await();
    }

    /**
     * One request; a reply with another status, or no reply, is counted under "{@code kind} {@code status}" or
     * "{@code kind} {@code exception}" and fails the future. {@code latencies} records successful requests.
     */
    private Future<JsonObject> send(WebClient api, HttpMethod method, String path, String token, JsonObject body,
                                    int expected, String kind, Latencies latencies) {
        HttpRequest<Buffer> req = api.request(method, path).timeout(timeoutMs);
        if (token != null) {
            req.bearerTokenAuthentication(token);
        }
        long started = System.nanoTime();
        Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendJsonObject(body);
        return sent.transform(ar -> {
            if (ar.failed()) {
                return error(kind + " " + ar.cause().getClass().getSimpleName(), ar.cause().getMessage());
            }
            HttpResponse<Buffer> r = ar.result();
            if (r.statusCode() != expected) {
                return error(kind + " " + r.statusCode(), r.bodyAsString());
            }
            if (latencies != null) {
                latencies.record(System.nanoTime() - started);
            }
            return Future.succeededFuture(r.body() == null || r.body().length() == 0 ? new JsonObject() : r.bodyAsJsonObject());
        });
    }

    private <T> Future<T> error(String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstErrors.putIfAbsent(kind, String.valueOf(detail).length() > 300 ? detail.substring(0, 300) + "…" : String.valueOf(detail));
        errorCount.incrementAndGet();
        return Future.failedFuture(kind + ": " + detail);
    }

    // ---- the yardstick

    private PhaseFigures noop(Vertx client, Path dir, List<AutoCloseable> closers, List<Rep> cast, Scripts scripts)
            throws IOException, InterruptedException {
        int port;
        Optional<Long> pid;
        if (noopMode.equals("in-process")) {
            Vertx own = Vertx.vertx();
            HttpServer server = NoopServer.start(own, "127.0.0.1", 0).await();
            closers.add(() -> own.close().await());
            port = server.actualPort();
            pid = Optional.empty();
        } else if (noopMode.equals("child")) {
            JavaChild child = JavaChild.start(List.of("-Xmx256m", "-XX:+UseG1GC", "-cp", classPath(),
                    NoopServer.class.getName(), "0"), Map.of(), dir.resolve("noop.log"), NOOP_READY, Duration.ofMinutes(1));
            closers.add(child);
            port = child.port();
            pid = Optional.of(child.pid());
        } else {
            throw new IllegalArgumentException("--noop must be child, in-process or off, not " + noopMode);
        }
        ServerProbe probe = new ServerProbe(pid);
        WebClient noop = WebClient.create(client, clientOptions("127.0.0.1", port),
                new PoolOptions().setHttp1MaxSize(reps + 16).setMaxWaitQueueSize(-1));
        Phase phase = new Phase("no-op endpoint", 0, Duration.ofSeconds(capacitySeconds), 0);
        Optional<Double> cpuBefore = probe.cpuSeconds();
        double selfBefore = ServerProbe.cpuSeconds(Path.of("/proc/self/stat"));
        int errorsBefore = errorCount.get();
        runAll(cast, rep -> {
            Promise<Void> done = Promise.promise();
            noopLoop(noop, rep, scripts.pick(rep.index, 0).lines().get(0), phase, done);
            return done.future();
        });
        phase.finish();
        Optional<Double> cpu = probe.cpuSeconds().flatMap(after -> cpuBefore.map(before -> after - before));
        double self = ServerProbe.cpuSeconds(Path.of("/proc/self/stat")) - selfBefore;
        noop.close();
        return new PhaseFigures(phase.name, cast.size(), 0, phase.seconds(), 0, phase.turns.summary(), cpu, self,
                errorCount.get() - errorsBefore, "requests", Optional.empty());
    }

    private void noopLoop(WebClient noop, Rep rep, String line, Phase phase, Promise<Void> done) {
        if (phase.over(rep)) {
            done.complete();
            return;
        }
        send(noop, HttpMethod.POST, "/api/sessions/" + rep.index + "/turns", rep.token, new JsonObject().put("text", line),
                200, "no-op", phase.turns).onComplete(ar -> noopLoop(noop, rep, line, phase, done));
    }

    // ---- figures

    /**
     * What one phase measured; CPU figures are seconds of user plus system time over the phase. {@code live}: with
     * {@code --live}, from sending each turn to its reply event on the live channel (its count says how many came).
     */
    public record PhaseFigures(String name, int reps, int thinkMs, double seconds, long conversations,
                               Latencies.Summary latency, Optional<Double> serverCpuSeconds, double generatorCpuSeconds,
                               int errors, String unit, Optional<Latencies.Summary> live) {
        public double turnsPerSecond() {
            return seconds == 0 ? 0 : latency.count() / seconds;
        }

        public double conversationsPerSecond() {
            return seconds == 0 ? 0 : conversations / seconds;
        }

        String format() {
            String cpu = serverCpuSeconds.map(s -> String.format("%.2f cores (%.2f ms CPU per %s)", s / seconds,
                    latency.count() == 0 ? 0 : 1000 * s / latency.count(), unit.substring(0, unit.length() - 1)))
                    .orElse("not measured (no pid)");
            return String.format("%s phase (%d reps, %s, %.1f s): %.1f conversations/s, %.1f %s/s; latency %s; "
                            + "server CPU %s; generator CPU %.2f cores; errors %d",
                    name, reps, thinkMs == 0 ? "no think time" : "think " + thinkMs + " ms ±50%", seconds,
                    conversationsPerSecond(), turnsPerSecond(), unit, latency.format(), cpu,
                    generatorCpuSeconds / seconds, errors)
                    + live.map(l -> String.format("%n  live channel: reply events for %d of %d turns; from sending the "
                            + "turn to its reply event %s", l.count(), latency.count(), l.format())).orElse("");
        }
    }

    /** Every figure of a run. Heap figures are bytes after a full GC; empty when the server's pid is unknown. */
    public record Result(int reps, int openConversations, Optional<Long> heapIdle, Optional<Long> heapHeld,
                         Optional<Long> heapAfter, Optional<Double> heapPerConversation, PhaseFigures steady,
                         Optional<PhaseFigures> capacity, Optional<PhaseFigures> noop, Optional<Double> ratio,
                         Map<String, Long> errors, String loadAverageStart, String loadAverageEnd) {
        String targets() {
            boolean noErrors = errors.isEmpty();
            boolean p99 = steady.latency().count() > 0 && steady.latency().p99() < 50_000;
            String heap = heapPerConversation.map(b -> b < 64 * KIB ? "met" : "MISSED").orElse("unknown");
            return String.format("targets: zero errors %s; steady turn p99 under 50 ms %s (%s); heap per active "
                            + "conversation under 64 KiB %s", noErrors ? "met" : "MISSED", p99 ? "met" : "MISSED",
                    Latencies.Summary.ms(steady.latency().p99()), heap);
        }
    }

    private static String mib(Optional<Long> bytes) {
        return bytes.map(b -> String.format("%.1f MiB", b / MIB)).orElse("unknown");
    }
}
