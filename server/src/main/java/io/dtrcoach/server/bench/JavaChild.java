package io.dtrcoach.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started by the generator (the server or the no-op yardstick): its output goes to a log file, and it is
 * ready once a line matches {@code ready}; that line's first group is the port. Stopped with SIGTERM, then killed.
 */
final class JavaChild implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private JavaChild(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static JavaChild start(List<String> javaArgs, Map<String, String> env, Path log, Pattern ready, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, line -> {
            Matcher m = ready.matcher(line);
            if (m.find()) {
                port.complete(Integer.parseInt(m.group(1)));
            }
            return null;
        }, port), "bench-child-log-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            return new JavaChild(process, log, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("child " + String.join(" ", javaArgs) + " did not become ready within "
                    + timeout.toSeconds() + " s; see " + log, e);
        }
    }

    private static void pump(Process process, Path log, Function<String, Void> onLine, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                onLine.apply(line);
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        if (!ready.isDone()) {
            try {
                ready.completeExceptionally(new IOException("child exited with " + process.waitFor() + " before it was ready"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
