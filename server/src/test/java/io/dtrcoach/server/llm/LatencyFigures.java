package io.dtrcoach.server.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the first-token latency benchmarks share: their {@code --option value} arguments and their figures. */
public final class LatencyFigures {
    private LatencyFigures() {
    }

    /** The {@code p}th percentile (nearest rank) of nanosecond values. */
    public static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    public static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The machine's load averages (1, 5, 15 minutes), as {@code uptime} shows them; figures mean little without. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The added latency of each recorded request: when its first token was seen, by the marker after the last
     * {@code #} of the request's last message, minus when the endpoint wrote that first token.
     */
    public static List<Long> added(List<FakeLlmServer.Recorded> requests, Map<String, Long> firstSeen) {
        List<Long> out = new ArrayList<>();
        for (FakeLlmServer.Recorded rec : requests) {
            List<String> msgs = rec.messages();
            String last = msgs.get(msgs.size() - 1);
            String marker = last.substring(last.lastIndexOf('#') + 1);
            Long seen = firstSeen.get(marker);
            if (seen == null) {
                throw new IllegalStateException("no first token seen for " + marker);
            }
            out.add(seen - rec.firstTokenAt());
        }
        return out;
    }

    public static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
