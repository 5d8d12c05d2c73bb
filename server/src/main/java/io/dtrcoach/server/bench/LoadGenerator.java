package io.dtrcoach.server.bench;

import io.dtrcoach.server.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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
 *
 * <p>The options are {@link LoadOptions}; the server under test and the yardstick are {@link Target}s; the reps are
 * made by {@link Cast} and play in {@link RepLoop}; the figures are {@link PhaseFigures} and the {@link LoadReport}.
 */
@Command(name = "LoadGenerator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run simulated reps through scripted conversations over the JSON API and print throughput, "
                + "latency, errors, server heap and CPU, and the ratio to a no-op Vert.x endpoint.")
public final class LoadGenerator implements Callable<Integer> {
    @Mixin
    LoadOptions options;

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
        LoadReport result = run(System.out);
        return result.errors().isEmpty() ? 0 : 1;
    }

    /** Runs every phase, prints the figures to {@code out} as it goes and returns them. */
    public LoadReport run(PrintStream out) throws Exception {
        options.validate(new CommandLine(this));
        Path dir = options.workDir != null ? Files.createDirectories(options.workDir)
                : Files.createTempDirectory("dtr-bench-");
        String loadStart = ServerProbe.loadAverage();
        List<AutoCloseable> closers = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            String adminPassword = Target.adminPassword(options, Optional.of(
                    new ConfigLoader(System.getenv()).value("admin.password", Optional.empty())).filter(p -> !p.isEmpty()));
            Target target = Target.server(options, adminPassword, dir, closers);
            out.printf("DTR Coach load run, %s%n", Instant.now());
            out.printf("machine: %d cores, load average at start %s%n", Runtime.getRuntime().availableProcessors(), loadStart);
            out.printf("server: %s%n", target.description());

            int reps = options.reps;
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(reps + 16).setMaxWaitQueueSize(-1);
            WebClient api = WebClient.create(vertx, options.clientOptions(target.host(), target.port()), pool);
            HttpClient liveClient = options.live ? vertx.createHttpClient(options.clientOptions(target.host(),
                    target.port()), new PoolOptions().setHttp1MaxSize(reps + 16).setMaxWaitQueueSize(-1)) : null;
            Requests requests = new Requests(options.timeoutMs);
            Cast.Setup setup = Cast.setUp(requests, api, options, adminPassword);
            out.printf("set-up: %d reps created and logged in in %.1f s; %d scripted conversations from %d scenarios%n",
                    reps, setup.seconds(), setup.scripts().size(), setup.scripts().scenarios());
            RepLoop loop = new RepLoop(vertx, options, requests, api, liveClient, setup.scripts());

            List<Rep> cast = setup.reps();
            out.println(loop.warmUp(cast));
            ServerProbe probe = target.probe();
            Optional<Long> heapIdle = probe.heapAfterFullGc();

            Phase opening = loop.phase("opening", 0, Duration.ofMinutes(10), 0);
            loop.runAll(cast, rep -> loop.startConversation(rep, opening).compose(v -> loop.turn(rep, opening))
                    .onFailure(e -> loop.abandon(rep)));
            opening.finish();
            int open = (int) cast.stream().filter(r -> r.session != null).count();
            Optional<Long> heapHeld = probe.heapAfterFullGc();
            Optional<Double> perConversation = heapIdle.flatMap(idle -> heapHeld.map(held ->
                    open == 0 ? 0.0 : (held - idle) / (double) open));
            out.printf("opening: %d of %d reps opened a conversation and took its first turn in %.1f s; turn latency %s;"
                    + " errors %d%n", open, reps, opening.seconds(), opening.turns.summary().format(), opening.errors());
            out.printf("heap after full GC: idle %s, with %d open conversations %s: %s per active conversation%n",
                    LoadReport.mib(heapIdle), open, LoadReport.mib(heapHeld),
                    perConversation.map(b -> String.format("%.1f KiB", b / LoadReport.KIB)).orElse("unknown (no server pid)"));

            if (options.jitWarmUpSeconds > 0) {
                // After the heap figure (a warmed server's caches blur it), before the latency figures.
                Phase jit = loop.phase("JIT warm-up (not measured)", 0, Duration.ofSeconds(options.jitWarmUpSeconds), 0);
                out.println(loop.play(cast, jit, probe).format());
            }
            Phase steady = loop.phase("steady", options.thinkMs, Duration.ofSeconds(options.durationSeconds),
                    options.maxConversations);
            PhaseFigures steadyFigures = loop.play(cast, steady, probe);
            out.println(steadyFigures.format());

            Optional<PhaseFigures> capacity = Optional.empty();
            if (options.capacitySeconds > 0) {
                Phase flat = loop.phase("capacity", 0, Duration.ofSeconds(options.capacitySeconds), 0);
                capacity = Optional.of(loop.play(cast, flat, probe));
                out.println(capacity.get().format());
            }
            loop.runAll(cast, rep -> rep.session == null ? Future.succeededFuture() : loop.endConversation(rep, null));
            Optional<Long> heapAfter = probe.heapAfterFullGc();
            out.printf("heap after full GC at the end: %s (idle was %s)%n", LoadReport.mib(heapAfter),
                    LoadReport.mib(heapIdle));

            Optional<PhaseFigures> noop = options.capacitySeconds > 0 && options.noopMode != NoopMode.OFF
                    ? Optional.of(loop.playNoop(Target.noop(options, dir, closers), cast)) : Optional.empty();
            noop.ifPresent(n -> out.println(n.format()));
            Optional<Double> ratio = capacity.flatMap(c -> noop.map(n -> n.turnsPerSecond() == 0 ? 0
                    : c.turnsPerSecond() / n.turnsPerSecond()));
            out.printf("ratio: our turn throughput is %s of the no-op Vert.x endpoint's request throughput%n",
                    ratio.map(r -> String.format("%.3f", r)).orElse("unknown (no capacity or no-op phase)"));

            Map<String, Long> errorsByKind = requests.errorsByKind();
            out.printf("errors: %s%n", errorsByKind.isEmpty() ? "none" : errorsByKind.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
            requests.firstErrors().forEach((kind, detail) -> out.printf("  first %s: %s%n", kind, detail));
            String loadEnd = ServerProbe.loadAverage();
            out.printf("load average at end: %s%n", loadEnd);
            LoadReport result = new LoadReport(reps, open, heapIdle, heapHeld, heapAfter, perConversation,
                    steadyFigures, capacity, noop, ratio, errorsByKind, loadStart, loadEnd);
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
}
