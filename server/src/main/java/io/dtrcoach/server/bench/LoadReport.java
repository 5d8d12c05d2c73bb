package io.dtrcoach.server.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Every figure of a run. Heap figures are bytes after a full GC; empty when the server's pid is unknown.
 *
 * @param ratio the capacity phase's turn throughput over the no-op endpoint's request throughput
 */
public record LoadReport(int reps, int openConversations, Optional<Long> heapIdle, Optional<Long> heapHeld,
                         Optional<Long> heapAfter, Optional<Double> heapPerConversation, PhaseFigures steady,
                         Optional<PhaseFigures> capacity, Optional<PhaseFigures> noop, Optional<Double> ratio,
                         Map<String, Long> errors, String loadAverageStart, String loadAverageEnd) {
    static final double KIB = 1024.0;
    private static final double MIB = 1024.0 * 1024.0;

    /** The line that says which of the product's targets the run met. */
    String targets() {
        boolean noErrors = errors.isEmpty();
        boolean p99 = steady.latency().count() > 0 && steady.latency().p99() < 50_000;
        String heap = heapPerConversation.map(b -> b < 64 * KIB ? "met" : "MISSED").orElse("unknown");
        return String.format("targets: zero errors %s; steady turn p99 under 50 ms %s (%s); heap per active "
                        + "conversation under 64 KiB %s", noErrors ? "met" : "MISSED", p99 ? "met" : "MISSED",
                Latencies.Summary.ms(steady.latency().p99()), heap);
    }

    static String mib(Optional<Long> bytes) {
        return bytes.map(b -> String.format("%.1f MiB", b / MIB)).orElse("unknown");
    }
}
