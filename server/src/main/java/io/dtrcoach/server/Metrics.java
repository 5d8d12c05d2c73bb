package io.dtrcoach.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and a turn-latency histogram of this node, written in the Prometheus text format. */
public final class Metrics {
    private static final double[] LATENCY_BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final LongAdder sessionsStarted = new LongAdder();
    private final LongAdder sessionsEnded = new LongAdder();
    private final LongAdder turns = new LongAdder();
    private final LongAdder turnConflicts = new LongAdder();
    private final LongAdder loginFailures = new LongAdder();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder[] turnBuckets = new LongAdder[LATENCY_BUCKETS_SECONDS.length];
    private final LongAdder turnCount = new LongAdder();
    private final LongAdder turnNanos = new LongAdder();

    public Metrics() {
        for (int i = 0; i < turnBuckets.length; i++) {
            turnBuckets[i] = new LongAdder();
        }
    }

    public void sessionStarted() {
        sessionsStarted.increment();
    }

    public void sessionEnded() {
        sessionsEnded.increment();
    }

    public void turnTaken(long nanos) {
        turns.increment();
        turnCount.increment();
        turnNanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) {
            if (seconds <= LATENCY_BUCKETS_SECONDS[i]) {
                turnBuckets[i].increment();
            }
        }
    }

    public void turnConflict() {
        turnConflicts.increment();
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    public void request(String method, int status) {
        requests.computeIfAbsent(method + " " + status, k -> new LongAdder()).increment();
    }

    public String prometheus() {
        StringBuilder sb = new StringBuilder();
        counter(sb, "dtr_sessions_started_total", "Practice sessions started on this node", sessionsStarted.sum());
        counter(sb, "dtr_sessions_ended_total", "Practice sessions ended on this node", sessionsEnded.sum());
        counter(sb, "dtr_turns_total", "Rep turns committed on this node", turns.sum());
        counter(sb, "dtr_turn_conflicts_total", "Turns refused because another request moved the session first",
                turnConflicts.sum());
        counter(sb, "dtr_login_failures_total", "Failed or refused logins", loginFailures.sum());

        sb.append("# HELP dtr_http_requests_total HTTP requests by method and status\n");
        sb.append("# TYPE dtr_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, n) -> {
            String[] parts = key.split(" ");
            sb.append("dtr_http_requests_total{method=\"").append(parts[0]).append("\",status=\"").append(parts[1])
                    .append("\"} ").append(n.sum()).append('\n');
        });

        sb.append("# HELP dtr_turn_seconds Time to take a turn, from request to committed reply\n");
        sb.append("# TYPE dtr_turn_seconds histogram\n");
        for (int i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) {
            sb.append("dtr_turn_seconds_bucket{le=\"").append(LATENCY_BUCKETS_SECONDS[i]).append("\"} ")
                    .append(turnBuckets[i].sum()).append('\n');
        }
        sb.append("dtr_turn_seconds_bucket{le=\"+Inf\"} ").append(turnCount.sum()).append('\n');
        sb.append("dtr_turn_seconds_sum ").append(turnNanos.sum() / 1e9).append('\n');
        sb.append("dtr_turn_seconds_count ").append(turnCount.sum()).append('\n');

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(sb, "jvm_memory_heap_used_bytes", "Heap in use", heap.getUsed());
        gauge(sb, "jvm_memory_heap_max_bytes", "Maximum heap", heap.getMax());
        gauge(sb, "jvm_threads_live", "Live threads", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(sb, "process_uptime_seconds", "Seconds since the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
