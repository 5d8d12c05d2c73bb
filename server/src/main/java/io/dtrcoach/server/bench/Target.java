package io.dtrcoach.server.bench;

import io.dtrcoach.server.auth.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A server the reps play against: the server under test (a child JVM this program starts, H2 by default or
 * PostgreSQL with {@code --db-url}, or a running one with {@code --url}), or the no-op yardstick.
 *
 * @param probe       heap and CPU figures of its process, where its pid is known
 * @param description what it is, for the report
 */
record Target(String host, int port, ServerProbe probe, String description) {
    private static final Pattern SERVER_READY = Pattern.compile("DTR Coach listening on http://[^:]+:(\\d+)");
    private static final Pattern NOOP_READY = Pattern.compile(Pattern.quote(NoopServer.READY) + "(\\d+)");

    /**
     * The admin's password: {@code --admin-password}, else {@code DTR_ADMIN_PASSWORD}; a server child gets a
     * generated one when neither is given, a running server ({@code --url}) cannot do without.
     */
    static String adminPassword(LoadOptions options, Optional<String> fromEnvironment) {
        String password = options.adminPassword != null ? options.adminPassword : fromEnvironment.orElse(null);
        if (password != null) {
            return password;
        }
        if (options.url != null) {
            throw new IllegalArgumentException("--url needs the admin's password: --admin-password or DTR_ADMIN_PASSWORD");
        }
        return "bench-" + Tokens.hex(new SecureRandom(), 12);
    }

    /** The server under test; a child is stopped by {@code closers}. */
    static Target server(LoadOptions options, String adminPassword, Path dir, List<AutoCloseable> closers)
            throws IOException, InterruptedException {
        if (options.url != null) {
            URI uri = URI.create(options.url);
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            Long pid = options.serverPid;
            return new Target(uri.getHost(), port, new ServerProbe(Optional.ofNullable(pid)),
                    options.url + (pid != null ? " (pid " + pid + ")" : " (no pid: no heap or CPU figures)"));
        }
        List<String> args = new ArrayList<>(options.serverJavaOpts.stream().filter(s -> !s.isBlank()).toList());
        if (options.jfr != null) {
            args.add("-XX:StartFlightRecording=filename=" + options.jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        args.addAll(List.of("-cp", options.classPath(), "io.dtrcoach.server.cli.Main", "serve", "--host", "127.0.0.1",
                "--port", "0", "--data", dir.resolve("data").toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DTR_ADMIN_PASSWORD", adminPassword);
        env.put("DTR_PASSWORD_ITERATIONS", Integer.toString(options.passwordIterations));
        // A thousand logins from one address must not trip the per-address limit if one of them fails.
        env.put("DTR_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000");
        if (options.dbUrl != null) {
            env.put("DTR_DB_URL", options.dbUrl);
            Optional.ofNullable(options.dbUser).ifPresent(u -> env.put("DTR_DB_USER", u));
            Optional.ofNullable(options.dbPassword).ifPresent(p -> env.put("DTR_DB_PASSWORD", p));
        }
        JavaChild child = JavaChild.start(args, env, dir.resolve("server.log"), SERVER_READY,
                Duration.ofSeconds(options.startTimeoutSeconds));
        closers.add(child);
        String db = options.dbUrl != null ? "PostgreSQL " + options.dbUrl : "H2 file database in " + dir.resolve("data");
        return new Target("127.0.0.1", child.port(), new ServerProbe(Optional.of(child.pid())),
                "child pid " + child.pid() + " on port " + child.port() + ", " + db + ", JVM "
                        + String.join(" ", options.serverJavaOpts)
                        + (options.jfr != null ? ", JFR to " + options.jfr : "") + "; log " + child.log());
    }

    /** The no-op Vert.x endpoint, where {@code --noop} says (not {@code off}); stopped by {@code closers}. */
    static Target noop(LoadOptions options, Path dir, List<AutoCloseable> closers)
            throws IOException, InterruptedException {
        return switch (options.noopMode) {
            case IN_PROCESS -> {
                Vertx own = Vertx.vertx();
                HttpServer server = NoopServer.start(own, "127.0.0.1", 0).await();
                closers.add(() -> own.close().await());
                yield new Target("127.0.0.1", server.actualPort(), new ServerProbe(Optional.empty()), "in-process");
            }
            case CHILD -> {
                JavaChild child = JavaChild.start(List.of("-Xmx256m", "-XX:+UseG1GC", "-cp", options.classPath(),
                        NoopServer.class.getName(), "0"), Map.of(), dir.resolve("noop.log"), NOOP_READY,
                        Duration.ofMinutes(1));
                closers.add(child);
                yield new Target("127.0.0.1", child.port(), new ServerProbe(Optional.of(child.pid())),
                        "child pid " + child.pid());
            }
            case OFF -> throw new IllegalArgumentException("--noop off: there is no yardstick to start");
        };
    }
}
