package io.dtrcoach.server.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code dtr} as a real child process on the test classpath, its output captured in a file. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DTR Coach listening on http://\\S+:(\\d+)");

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * A port that was free a moment ago. Another process can take it before a child binds it: for an HTTP port
     * start with {@code --port 0} and read {@link #httpPort()}; otherwise be ready to start again on another port.
     */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static ServerProcess start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.dtrcoach.server.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DTR_"));
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), log);
    }

    /** Waits until the output contains the text (or the process exits, or the time is up). */
    public boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(200);
        }
        return false;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The port from the start-up line, which {@code serve --port 0} prints with the port it actually bound. */
    public int httpPort() throws IOException {
        Matcher m = LISTENING.matcher(output());
        if (!m.find()) {
            throw new IllegalStateException("no start-up line in the output:\n" + output());
        }
        return Integer.parseInt(m.group(1));
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the process did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** SIGTERM, as an init system stops a service: the shutdown hook runs. Returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
