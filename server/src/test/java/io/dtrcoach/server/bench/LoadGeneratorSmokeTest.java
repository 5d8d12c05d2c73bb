package io.dtrcoach.server.bench;

import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.practice.LibraryCatalog;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator, small: 10 reps × 3 turns against an in-process server on H2, a second of capacity play and
 * of the no-op yardstick; and 5 reps following the live channel. It asserts that nothing failed and that every
 * figure was measured and printed; speed is the long runs' business (see docs/performance.md), not a test's.
 */
@ExtendWith(VertxExtension.class)
class LoadGeneratorSmokeTest {

    /** What a run returned and printed. */
    private record Run(LoadReport result, String printed) {
    }

    /** Runs the generator against an in-process server on H2 with {@code args} after the connection options. */
    private Run run(Vertx vertx, Path dir, String... args) throws Exception {
        Database database = TestDatabases.h2(dir);
        // As for a server child of the load generator: a burst of logins from one address is the point here, and
        // attempts count while in flight, so the per-address limit must exceed the reps logging in at once.
        Application app = Application.start(vertx, database, TestConfig.config(dir,
                java.util.Map.of("login.max-failures-per-address", "1000000")), TestParts.create(
                LibraryCatalog.load(getClass().getClassLoader(), Optional.empty()), Clock.systemUTC())).await();
        try {
            app.users().bootstrapAdmin(Optional.of("smoke-admin-password"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // The server runs in this JVM, so this JVM's pid gives heap (jcmd) and CPU (/proc) figures.
            List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + app.port(),
                    "--admin-password", "smoke-admin-password", "--server-pid", Long.toString(ProcessHandle.current().pid()),
                    // Not a timed test: a CI machine busy with other builds must not turn slowness into errors.
                    "--timeout-ms", "300000"));
            all.addAll(List.of(args));
            LoadGenerator generator = LoadGenerator.parse(all.toArray(String[]::new));
            LoadReport result = generator.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return new Run(result, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            app.close().await();
            database.close();
        }
    }

    @Test
    void should_play_an_unmeasured_jit_warm_up_before_the_steady_phase(Vertx vertx, @TempDir Path dir) throws Exception {
        Run run = run(vertx, dir, "--reps", "4", "--turns", "3", "--conversations", "1", "--think-ms", "0",
                "--duration", "60", "--capacity-seconds", "0", "--noop", "off", "--jit-warm-up", "2");
        String printed = run.printed();
        assertThat(run.result().errors()).as(printed).isEmpty();
        assertThat(printed).contains("JIT warm-up (not measured) phase (4 reps, no think time");
        // The warm-up comes after the heap figure and before the measured steady phase.
        assertThat(printed.indexOf("JIT warm-up")).isGreaterThan(printed.indexOf("per active conversation"))
                .isLessThan(printed.indexOf("steady phase"));
        assertThat(run.result().steady().latency().count()).as(printed).isPositive();
    }

    @Test
    void should_run_scripted_conversations_without_errors_and_print_every_figure(Vertx vertx, @TempDir Path dir)
            throws Exception {
        Run run = run(vertx, dir, "--reps", "10", "--turns", "3", "--conversations", "1", "--think-ms", "0",
                "--duration", "60", "--capacity-seconds", "1", "--noop", "in-process", "--jit-warm-up", "0");
        LoadReport result = run.result();
        String printed = run.printed();

        assertThat(result.errors()).as(printed).isEmpty();
        assertThat(result.openConversations()).as(printed).isEqualTo(10);
        // Each rep finished its one conversation of at most three turns (some scripts have two): the first
        // turn in the opening, the rest in the steady phase.
        assertThat(result.steady().conversations()).as(printed).isEqualTo(10);
        assertThat(result.steady().latency().count()).as(printed).isBetween(10, 20);
        assertThat(result.capacity()).get().satisfies(c -> assertThat(c.latency().count()).isPositive());
        assertThat(result.noop()).get().satisfies(n -> assertThat(n.latency().count()).isPositive());
        assertThat(result.ratio()).get().satisfies(r -> assertThat(r).isPositive());
        assertThat(result.heapIdle()).isPresent();
        assertThat(result.heapHeld()).isPresent();
        assertThat(result.heapAfter()).isPresent();
        assertThat(result.heapPerConversation()).isPresent();
        assertThat(result.steady().serverCpuSeconds()).isPresent();
        assertThat(printed)
                .contains("load average at start", "load average at end", "set-up: 10 reps")
                .contains("opening: 10 of 10 reps", "per active conversation", "heap after full GC at the end")
                .contains("steady phase", "capacity phase", "no-op endpoint phase")
                .contains("conversations/s", "turns/s", "requests/s", "p50", "p95", "p99", "max", "server CPU")
                .contains("ratio: our turn throughput is", "errors: none", "targets:")
                .doesNotContain("unknown", "live channel");
    }

    @Test
    void should_see_every_reply_on_the_live_channel_with_live(Vertx vertx, @TempDir Path dir) throws Exception {
        Run run = run(vertx, dir, "--live", "--reps", "5", "--turns", "3", "--conversations", "1", "--think-ms", "0",
                "--duration", "60", "--capacity-seconds", "0", "--noop", "off", "--jit-warm-up", "0");
        LoadReport result = run.result();

        assertThat(result.errors()).as(run.printed()).isEmpty();
        assertThat(result.steady().latency().count()).as(run.printed()).isBetween(5, 10);
        assertThat(result.steady().live()).as(run.printed()).get()
                .satisfies(l -> assertThat(l.count()).isEqualTo(result.steady().latency().count()));
        assertThat(run.printed()).contains("live channel: reply events for");
    }
}
