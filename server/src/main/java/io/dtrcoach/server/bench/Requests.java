package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The generator's requests over the JSON API, and the tally of everything that went wrong, by kind. */
final class Requests {
    private final long timeoutMs;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger errorCount = new AtomicInteger();
    /** The first message seen of each kind of error, to say what went wrong. */
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

    Requests(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /**
     * One request; a reply with another status, or no reply, is counted under "{@code kind} {@code status}" or
     * "{@code kind} {@code exception}" and fails the future. {@code latencies} records successful requests.
     */
    Future<JsonObject> send(WebClient api, HttpMethod method, String path, String token, JsonObject body,
                            int expected, String kind, Latencies latencies) {
        HttpRequest<Buffer> req = api.request(method, path).timeout(timeoutMs);
        if (token != null) {
            req.bearerTokenAuthentication(token);
        }
        long started = System.nanoTime();
        Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendJsonObject(body);
        return sent.transform(ar -> {
            if (ar.failed()) {
                return error(kind + " " + ar.cause().getClass().getSimpleName(), ar.cause().getMessage());
            }
            HttpResponse<Buffer> r = ar.result();
            if (r.statusCode() != expected) {
                return error(kind + " " + r.statusCode(), r.bodyAsString());
            }
            if (latencies != null) {
                latencies.record(System.nanoTime() - started);
            }
            return Future.succeededFuture(r.body() == null || r.body().length() == 0 ? new JsonObject() : r.bodyAsJsonObject());
        });
    }

    /** Logs in; the future holds the bearer token. */
    Future<String> login(WebClient api, String username, String password) {
        return send(api, HttpMethod.POST, "/api/login", null,
                new JsonObject().put("username", username).put("password", password), 200, "login", null)
                .map(body -> body.getString("token"));
    }

    /** Counts an error of {@code kind} and fails with it. */
    <T> Future<T> error(String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstErrors.putIfAbsent(kind, String.valueOf(detail).length() > 300 ? detail.substring(0, 300) + "…" : String.valueOf(detail));
        errorCount.incrementAndGet();
        return Future.failedFuture(kind + ": " + detail);
    }

    /** Errors so far, of every kind. */
    int errorCount() {
        return errorCount.get();
    }

    /** Errors so far by kind, in order of kind. */
    Map<String, Long> errorsByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        return byKind;
    }

    /** The first message of each kind of error, in order of kind. */
    Map<String, String> firstErrors() {
        return new TreeMap<>(firstErrors);
    }
}
