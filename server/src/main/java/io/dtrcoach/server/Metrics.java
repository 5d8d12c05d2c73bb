package io.dtrcoach.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This node's figures in the Prometheus text format, through Micrometer: the product's own counters and turn-latency
 * histogram, the JVM's (memory, GC, threads, CPU, uptime), and, for a Vert.x built with {@link #instrument}, Vert.x's
 * (HTTP server and clients, worker pools, event bus). The names that {@code /metrics} had before Micrometer are kept
 * ({@code dtr_*}, {@code jvm_memory_heap_used_bytes}, {@code jvm_memory_heap_max_bytes}, {@code jvm_threads_live},
 * {@code process_uptime_seconds}), so dashboards keep working.
 */
public final class Metrics {
    private static final Duration[] TURN_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry;
    private final Counter sessionsStarted;
    private final Counter sessionsEnded;
    private final Counter turns;
    private final Counter turnConflicts;
    private final Counter loginFailures;
    private final Timer turnTime;
    /** Requests by "method status": one lookup per request instead of building the meter's id each time. */
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    public Metrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // jvm_threads_live, as /metrics has always named it (Micrometer would append the unit: ..._threads).
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("jvm.threads.live") ? id.withBaseUnit(null) : id;
            }
        });
        this.sessionsStarted = counter("dtr.sessions.started", "Practice sessions started on this node");
        this.sessionsEnded = counter("dtr.sessions.ended", "Practice sessions ended on this node");
        this.turns = counter("dtr.turns", "Rep turns committed on this node");
        this.turnConflicts = counter("dtr.turn.conflicts",
                "Turns refused because another request moved the session first");
        this.loginFailures = counter("dtr.login.failures", "Failed or refused logins");
        this.turnTime = Timer.builder("dtr.turn").description("Time to take a turn, from request to committed reply")
                .serviceLevelObjectives(TURN_BUCKETS).register(registry);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Gauge.builder("jvm.memory.heap.used", memory, m -> m.getHeapMemoryUsage().getUsed()).baseUnit("bytes")
                .description("Heap in use").register(registry);
        Gauge.builder("jvm.memory.heap.max", memory, m -> m.getHeapMemoryUsage().getMax()).baseUnit("bytes")
                .description("Maximum heap").register(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // Not closed: it lives as long as the process, as the registry does.
        new JvmGcMetrics().bindTo(registry);
    }

    /**
     * Sends Vert.x's own figures to this registry: use on the builder of the Vert.x that serves the application.
     * The JVM's figures are bound here already, so Vert.x does not bind them again.
     */
    public VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
        options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false));
        return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    public void sessionStarted() {
        sessionsStarted.increment();
    }

    public void sessionEnded() {
        sessionsEnded.increment();
    }

    public void turnTaken(long nanos) {
        turns.increment();
        turnTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void turnConflict() {
        turnConflicts.increment();
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    public void request(String method, int status) {
        requests.computeIfAbsent(method + " " + status, k -> Counter.builder("dtr.http.requests")
                .description("HTTP requests by method and status").tag("method", method)
                .tag("status", Integer.toString(status)).register(registry)).increment();
    }

    /** Every figure, in the Prometheus text format (version 0.0.4). */
    public String prometheus() {
        return registry.scrape();
    }

    private Counter counter(String name, String help) {
        return Counter.builder(name).description(help).register(registry);
    }
}
