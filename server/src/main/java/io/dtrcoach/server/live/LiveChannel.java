package io.dtrcoach.server.live;

import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.ConversationService;
import io.dtrcoach.server.practice.TranscriptTurn;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The practice page's live channel: Server-Sent Events per session ({@code typing}, {@code reply}, {@code ended}).
 * Events travel on the event bus, so with a clustered Vert.x the page may be connected to another node than the
 * one taking the turn. The turn's HTTP response stays authoritative; a lost event costs nothing but liveliness.
 * Nothing here waits on the database inside a handler: reads are futures.
 */
public final class LiveChannel {
    private static final Logger LOG = LoggerFactory.getLogger(LiveChannel.class);
    private static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final ConversationService conversations;

    public LiveChannel(Vertx vertx, ConversationService conversations) {
        this.vertx = vertx;
        this.conversations = conversations;
    }

    static String address(String sessionId) {
        return "dtr.live.session." + sessionId;
    }

    /** {@code GET /live/sessions/:id/events}: the caller must be able to see the session. */
    public void events(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String id = ctx.pathParam("id");
        conversations.transcript(caller, id).onSuccess(t -> {
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            res.write("retry: 3000\n\n");
            if (t.session().status().equals("ended")) {
                res.end(event("ended", 0, new JsonObject().put("reportUrl", "/sessions/" + id + "/report")));
                return;
            }
            MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address(id), msg -> {
                if (!res.ended() && !res.closed()) {
                    JsonObject body = msg.body();
                    res.write(event(body.getString("event"), body.getInteger("turn", 0), body.getJsonObject("data")));
                }
            });
            long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, tick -> {
                if (!res.ended() && !res.closed()) {
                    res.write(": keep-alive\n\n");
                }
            });
            res.closeHandler(v -> {
                vertx.cancelTimer(heartbeat);
                consumer.unregister();
            });
        }).onFailure(ctx::fail);
    }

    /**
     * Chain step in front of the API's turn handler: announces that the prospect is typing, and once the turn is
     * committed and answered, publishes the reply (read back from the database, so it is exactly what was stored).
     */
    public void relayTurn(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Caller caller = AuthHandler.caller(ctx);
        publish(id, "typing", 0, new JsonObject());
        ctx.addEndHandler(ar -> {
            // the turn is committed once the status is 200, even if the client went away before the last byte
            if (ctx.response().getStatusCode() != 200) {
                return;
            }
            conversations.transcript(caller, id).onSuccess(t -> {
                if (t.turns().isEmpty()) {
                    return;
                }
                TranscriptTurn last = t.turns().get(t.turns().size() - 1);
                boolean ended = t.session().status().equals("ended");
                publish(id, "reply", last.number(), new JsonObject().put("turn", last.number())
                        .put("text", last.reply()).put("ended", ended));
                if (ended) {
                    publish(id, "ended", last.number(), new JsonObject().put("reportUrl", "/sessions/" + id + "/report")
                            .put("ending", t.session().ending().orElse(null)));
                }
            }).onFailure(e -> LOG.debug("No live reply for session {}: {}", id, e.getMessage()));
        });
        ctx.next();
    }

    private void publish(String sessionId, String event, int turn, JsonObject data) {
        vertx.eventBus().publish(address(sessionId), new JsonObject().put("event", event).put("turn", turn)
                .put("data", data));
    }

    static String event(String name, int id, JsonObject data) {
        // JSON never contains a raw newline, so one data: line is enough
        return (id > 0 ? "id: " + id + "\n" : "") + "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }
}
