package io.dtrcoach.server.http;

import io.dtrcoach.server.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Writes JSON responses with the server's one mapper, and routes failed futures to the failure handler. */
final class Replies {
    static final String JSON = "application/json; charset=utf-8";

    private final Json json;

    Replies(Json json) {
        this.json = json;
    }

    void ok(RoutingContext ctx, Object body) {
        send(ctx, 200, body);
    }

    void send(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(json.write(body));
    }

    void error(RoutingContext ctx, int status, String message) {
        send(ctx, status, Map.of("error", message));
    }

    /** Replies with the future's value, or hands its failure to the failure handler. */
    <T> void answer(RoutingContext ctx, Future<T> future, int status) {
        Answer.when(ctx, future, v -> send(ctx, status, v));
    }

    <T> void answer(RoutingContext ctx, Future<T> future) {
        answer(ctx, future, 200);
    }
}
