package io.dtrcoach.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator reads about the server process: heap used after a full GC (through {@code jcmd}) and CPU
 * time consumed (from {@code /proc/PID/stat}). Without a pid both are unavailable and say so.
 */
final class ServerProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Optional<Long> pid;

    ServerProbe(Optional<Long> pid) {
        this.pid = pid;
    }

    Optional<Long> pid() {
        return pid;
    }

    /** Runs a full GC in the server and returns the heap then in use, in bytes. */
    Optional<Long> heapAfterFullGc() throws IOException, InterruptedException {
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        return Optional.of(usedHeapKib(info) * 1024);
    }

    /** Sums "used NK" over the heap's lines (one for G1, one per generation for Serial and Parallel). */
    static long usedHeapKib(String heapInfo) throws IOException {
        long kib = 0;
        boolean found = false;
        for (String line : heapInfo.split("\\R")) {
            Matcher m = USED.matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                kib += Long.parseLong(m.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IOException("jcmd GC.heap_info printed no heap figure: " + heapInfo);
        }
        return kib;
    }

    /** User plus system CPU seconds the server has used so far. */
    Optional<Double> cpuSeconds() throws IOException {
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cpuSeconds(Path.of("/proc", pid.get().toString(), "stat")));
    }

    static double cpuSeconds(Path stat) throws IOException {
        String s = Files.readString(stat, StandardCharsets.US_ASCII);
        // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** The 1-, 5- and 15-minute load averages of the machine. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(List.of(Files.exists(jcmd) ? jcmd.toString() : "jcmd",
                pid.orElseThrow().toString(), command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid.get() + " " + command + " failed: " + out);
        }
        return out;
    }
}
