package io.dtrcoach.server.bench;

import java.util.Optional;

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
