package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.function.BiConsumer;

/**
 * One conversation's live channel as the practice page follows it: {@code GET /live/sessions/{id}/events}
 * (Server-Sent Events), signed in with the login's cookie. Hands each {@code reply} event's turn number to a
 * listener, with the time it arrived.
 */
final class LiveStream {
    private final StringBuilder pending = new StringBuilder();
    private final BiConsumer<Integer, Long> onReply;
    private HttpClientResponse response;

    private LiveStream(BiConsumer<Integer, Long> onReply) {
        this.onReply = onReply;
    }

    /** Opens the stream; completes once the server has answered (and so listens for the session's events). */
    static Future<LiveStream> open(HttpClient client, String sessionId, String token, BiConsumer<Integer, Long> onReply) {
        LiveStream stream = new LiveStream(onReply);
        return client.request(HttpMethod.GET, "/live/sessions/" + sessionId + "/events")
                .compose(req -> req.putHeader("Cookie", "dtr_session=" + token).putHeader("Accept", "text/event-stream")
                        .send())
                .compose(res -> {
                    if (res.statusCode() != 200) {
                        return res.body().compose(b -> Future.failedFuture("status " + res.statusCode() + ": " + b));
                    }
                    stream.response = res;
                    res.handler(stream::received);
                    return Future.succeededFuture(stream);
                });
    }

    private void received(Buffer chunk) {
        long now = System.nanoTime();
        pending.append(chunk.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if ("reply".equals(event) && data != null) {
                onReply.accept(new JsonObject(data).getInteger("turn", 0), now);
            }
        }
    }

    /** Closes the stream's connection (HTTP/1.1 has no other way to stop a response midway). */
    void close() {
        if (response != null) {
            response.request().reset();
        }
    }
}
