package io.dtrcoach.server.live;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader for tests and benchmarks: one live-channel connection, its events parsed as they
 * arrive and stamped with {@link System#nanoTime()} when their bytes were read.
 */
public final class SseClient {
    /** One event: its name, its JSON data, and when it was read. */
    public record Event(String name, JsonObject data, long readAt) {
    }

    private final HttpClientResponse response;
    private final List<Event> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Event> unread = new LinkedBlockingQueue<>();
    private final StringBuilder pending = new StringBuilder();

    private SseClient(HttpClientResponse response) {
        this.response = response;
    }

    /** Opens {@code path} with the session cookie; completes once the response headers are in. */
    public static Future<SseClient> open(HttpClient http, int port, String path, String cookie) {
        return http.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.putHeader("Cookie", cookie).putHeader("Accept", "text/event-stream").send())
                .map(res -> {
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException("events: HTTP " + res.statusCode());
                    }
                    SseClient sse = new SseClient(res);
                    res.handler(chunk -> sse.read(chunk.toString(), System.nanoTime()));
                    return sse;
                });
    }

    private synchronized void read(String chunk, long at) {
        pending.append(chunk);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            if (data.length() > 0) {
                Event e = new Event(name, new JsonObject(data.toString()), at);
                all.add(e);
                unread.add(e);
            }
        }
    }

    /** The next unread event with this name (earlier unread events of other names are passed over). */
    public Optional<Event> next(String name, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            Event e = unread.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The next unread event with this name, waiting as long as it takes (a benchmark's clients wait). */
    public Event next(String name) throws InterruptedException {
        while (true) {
            Event e = unread.take();
            if (e.name().equals(name)) {
                return e;
            }
        }
    }

    /** Every event read so far, in order. */
    public List<Event> all() {
        return List.copyOf(all);
    }

    /** Drops the connection, as a closed browser tab does. */
    public Future<Void> close() {
        return response.request().connection().close();
    }
}
