package io.dtrcoach.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@code /metrics}' text: the product's own counters under the names they have always had, the JVM's figures, and
 * Vert.x's own (HTTP server, pools) for a Vert.x built with {@link Metrics#instrument}.
 */
class MetricsTest {

    @Test
    void should_count_the_products_own_events_under_their_names() {
        Metrics metrics = new Metrics();
        metrics.sessionStarted();
        metrics.sessionStarted();
        metrics.sessionEnded();
        metrics.turnTaken(TimeUnit.MILLISECONDS.toNanos(7));
        metrics.turnTaken(TimeUnit.MILLISECONDS.toNanos(300));
        metrics.turnConflict();
        metrics.loginFailed();
        metrics.request("GET", 200);
        metrics.request("GET", 200);
        metrics.request("POST", 409);

        String text = metrics.prometheus();

        assertThat(value(text, "dtr_sessions_started_total")).isEqualTo(2);
        assertThat(value(text, "dtr_sessions_ended_total")).isEqualTo(1);
        assertThat(value(text, "dtr_turns_total")).isEqualTo(2);
        assertThat(value(text, "dtr_turn_conflicts_total")).isEqualTo(1);
        assertThat(value(text, "dtr_login_failures_total")).isEqualTo(1);
        assertThat(value(text, "dtr_http_requests_total{method=\"GET\",status=\"200\"}")).isEqualTo(2);
        assertThat(value(text, "dtr_http_requests_total{method=\"POST\",status=\"409\"}")).isEqualTo(1);
        assertThat(text).contains("# TYPE dtr_turn_seconds histogram");
        assertThat(value(text, "dtr_turn_seconds_bucket{le=\"0.005\"}")).isEqualTo(0);
        assertThat(value(text, "dtr_turn_seconds_bucket{le=\"0.01\"}")).isEqualTo(1);
        assertThat(value(text, "dtr_turn_seconds_bucket{le=\"0.25\"}")).isEqualTo(1);
        assertThat(value(text, "dtr_turn_seconds_bucket{le=\"0.5\"}")).isEqualTo(2);
        assertThat(value(text, "dtr_turn_seconds_count")).isEqualTo(2);
        assertThat(value(text, "dtr_turn_seconds_sum")).isCloseTo(0.307, offset(1e-9));
    }

    @Test
    void should_keep_the_jvm_figures_dashboards_read() {
        String text = new Metrics().prometheus();
        assertThat(value(text, "jvm_memory_heap_used_bytes")).isPositive();
        assertThat(value(text, "jvm_memory_heap_max_bytes")).isPositive();
        assertThat(value(text, "jvm_threads_live")).isPositive();
        assertThat(value(text, "process_uptime_seconds")).isPositive();
        assertThat(text).contains("# TYPE jvm_gc_memory_allocated_bytes_total counter", "jvm_memory_used_bytes{",
                "jvm_classes_loaded_classes ", "process_cpu_usage ");
    }

    @Test
    void should_add_vertx_http_server_figures_for_an_instrumented_vertx() throws Exception {
        Metrics metrics = new Metrics();
        Vertx vertx = metrics.instrument(Vertx.builder(), new VertxOptions()).build();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response().end("ok"))
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            HttpClient client = vertx.createHttpClient();
            for (int i = 0; i < 3; i++) {
                client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/x")
                        .compose(req -> req.send().compose(res -> res.body())).await(10, TimeUnit.SECONDS);
            }
            String text = metrics.prometheus();
            double served = Arrays.stream(text.split("\n"))
                    .filter(l -> l.startsWith("vertx_http_server_requests_total{") && l.contains("code=\"200\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(served).as(text).isEqualTo(3);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The value of the one sample named exactly {@code series} (name and labels as written). */
    private static double value(String text, String series) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(series + " "))
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
                .reduce((a, b) -> {
                    throw new AssertionError("two samples named " + series);
                })
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + text));
    }
}
