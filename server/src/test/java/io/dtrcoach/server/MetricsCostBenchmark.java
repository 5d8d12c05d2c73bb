package io.dtrcoach.server;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * What Vert.x's Micrometer metrics cost per HTTP request: a server that answers "ok" and a client, 16 requests in
 * flight, first on a plain Vert.x, then on one built with {@link Metrics#instrument} (server and client both counted),
 * in alternating rounds; prints the process CPU per request (client and server together) and the throughput.
 * Argument: requests per round (default 40,000).
 */
public final class MetricsCostBenchmark {
    private MetricsCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 4; round++) {
            for (boolean instrumented : new boolean[]{false, true}) {
                Vertx vertx = instrumented ? new Metrics().instrument(Vertx.builder(), new VertxOptions()).build()
                        : Vertx.vertx();
                HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
                        .listen(0, "127.0.0.1").await();
                HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(16));
                play(client, server.actualPort(), n / 4);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                play(client, server.actualPort(), n);
                long cpu = os.getProcessCpuTime() - cpu0;
                long wall = System.nanoTime() - t0;
                System.out.printf("round %d %-10s %d requests: %.1f µs CPU per request, %.0f requests/s, load %.1f%n",
                        round, instrumented ? "micrometer" : "plain", n, cpu / 1e3 / n, n / (wall / 1e9),
                        os.getSystemLoadAverage());
                vertx.close().await();
            }
        }
    }

    private static void play(HttpClient client, int port, int n) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(n);
        Semaphore inFlight = new Semaphore(16);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            client.request(HttpMethod.GET, port, "127.0.0.1", "/")
                    .compose(r -> r.send().compose(HttpClientResponse::body))
                    .onComplete(ar -> {
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await();
    }
}
