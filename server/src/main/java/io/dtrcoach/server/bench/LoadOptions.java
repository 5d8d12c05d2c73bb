package io.dtrcoach.server.bench;

import io.vertx.ext.web.client.WebClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The load generator's command-line options (its {@code --help}), and what follows from them alone. */
final class LoadOptions {

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

    @Option(names = "--noop", defaultValue = "child", converter = NoopMode.Converter.class,
            description = "where the no-op yardstick runs: child (its own JVM), in-process, or off (default: ${DEFAULT-VALUE})")
    NoopMode noopMode;

    @Option(names = "--timeout-ms", defaultValue = "30000", description = "per-request timeout (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = "--max-errors", defaultValue = "1000", description = "stop a phase early after this many errors (default: ${DEFAULT-VALUE})")
    int maxErrors;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the think times (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--live", description = "each conversation is also followed on the live channel (SSE), as the practice "
            + "page does, and the time from sending a turn to its reply event arriving there is measured")
    boolean live;

    @Option(names = "--unique-lines", description = "every rep line sent is unique (a take number in each of its sentences), so no "
            + "sentence is ever served from the embedding cache: the figures then include the model's cost on every turn")
    boolean uniqueLines;

    @Option(names = "--jfr", description = "record a JFR profile of the server child into this file")
    Path jfr;

    @Option(names = "--start-timeout", defaultValue = "600", description = "seconds to wait for the server child to listen (default: ${DEFAULT-VALUE})")
    int startTimeoutSeconds;

    @Option(names = "--work-dir", description = "where the server child's data and logs go (default: a new temporary directory)")
    Path workDir;

    /** Refuses what cannot run: no reps, or a negative duration or think time. */
    void validate(CommandLine commandLine) {
        if (reps < 1 || durationSeconds < 0 || capacitySeconds < 0 || thinkMs < 0 || jitWarmUpSeconds < 0) {
            throw new CommandLine.ParameterException(commandLine, "--reps must be at least 1; durations and think time not negative");
        }
    }

    /** Where a child JVM (the server or the no-op yardstick) finds its classes. */
    String classPath() {
        return jar != null ? jar.toAbsolutePath().toString() : System.getProperty("java.class.path");
    }

    /** The HTTP client's options towards {@code host:port}: keep-alive, the request timeout as connect timeout. */
    WebClientOptions clientOptions(String host, int port) {
        return new WebClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true)
                .setUserAgent("dtr-loadgen").setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
    }
}
