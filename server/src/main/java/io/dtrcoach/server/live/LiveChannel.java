package io.dtrcoach.server.live;

import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.http.TurnListener;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.SessionStatus;
import io.dtrcoach.server.practice.TurnInProgress;
import io.dtrcoach.server.practice.TurnReply;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The practice page's live channel: Server-Sent Events per session, and the page's way of taking a turn.
 * <ul>
 *   <li>{@code GET /live/sessions/:id/events}: {@code hello {stream}} first (this connection's id), then
 *       {@code typing {turn}}, {@code token {turn, text}} (the next screened piece of the reply), {@code restart {turn}}
 *       (drop what was shown: the reply is being regenerated or replaced), {@code reply {turn, text, ended,
 *       source, notice?}} (the committed words, authoritative) and {@code ended}.</li>
 *   <li>{@code POST /live/sessions/:id/turns {"text", "stream"?}}: takes the turn like the API (same answer), and
 *       streams the reply to every page watching the session. If {@code stream} names an events connection, that
 *       connection closing (the tab was closed) cancels the model call, as does this request's own connection
 *       closing.</li>
 * </ul>
 * Events travel on the event bus, so with a clustered Vert.x the page may be connected to another node than the
 * one taking the turn. Nothing here waits on the database inside a handler, and a token costs one event-bus
 * message and one socket write: no database work per token.
 */
public final class LiveChannel {
    private static final long HEARTBEAT_MS = 15_000;
    private static final Pattern STREAM_ID = Pattern.compile("[0-9a-f]{32}");

    private final Vertx vertx;
    private final Practice practice;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong watched = new AtomicLong();
    private final AtomicInteger watching = new AtomicInteger();

    public LiveChannel(Vertx vertx, Practice practice) {
        this.vertx = vertx;
        this.practice = practice;
    }

    static String address(String sessionId) {
        return "dtr.live.session." + sessionId;
    }

    /** Where an events connection announces that it has closed. */
    static String closedAddress(String streamId) {
        return "dtr.live.stream." + streamId + ".closed";
    }

    /** {@code GET /live/sessions/:id/events}: the caller must be able to see the session. */
    public void events(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.sessions().transcript(caller, id), t -> {
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            if (t.session().status() == SessionStatus.ENDED) {
                res.write("retry: 3000\n\n");
                res.end(event("ended", 0, new JsonObject().put("reportUrl", "/sessions/" + id + "/report")));
                return;
            }
            watch(res, id);
        });
    }

    /**
     * Relays the session's events to this connection until it closes. The close handler is set first and the connection
     * checked after: a page that went away while the session was being read is let go at once, instead of
     * leaving its consumer and heartbeat behind for good.
     */
    private void watch(HttpServerResponse res, String sessionId) {
        String stream = newStreamId();
        MessageConsumer<String> consumer = vertx.eventBus().consumer(address(sessionId), msg -> {
            if (!res.ended() && !res.closed()) {
                res.write(msg.body());
            }
        });
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, tick -> {
            if (!res.ended() && !res.closed()) {
                res.write(": keep-alive\n\n");
            }
        });
        watched.incrementAndGet();
        watching.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        Handler<Void> release = v -> {
            if (released.compareAndSet(false, true)) {
                vertx.cancelTimer(heartbeat);
                consumer.unregister();
                watching.decrementAndGet();
                vertx.eventBus().publish(closedAddress(stream), sessionId);
            }
        };
        res.closeHandler(release);
        if (res.closed()) {
            release.handle(null);
            return;
        }
        res.write("retry: 3000\n\n" + event("hello", 0, new JsonObject().put("stream", stream)));
    }

    /** Events connections served since start (past the session read). */
    long watched() {
        return watched.get();
    }

    /** Events connections whose consumer and heartbeat are registered now. */
    int watching() {
        return watching.get();
    }

    /**
     * Who hears a turn of this session as it is spoken: every page watching it. The turn handler (the API's turn route
     * and {@code POST /live/sessions/:id/turns} alike) takes each turn with this listener.
     */
    public TurnListener relay(String sessionId) {
        return new Relay(sessionId);
    }

    /** The committed reply (and the end, if it came) for every page watching. */
    private void published(String id, TurnReply reply) {
        JsonObject data = new JsonObject().put("turn", reply.turn()).put("text", reply.reply())
                .put("ended", reply.ended()).put("source", reply.source().name());
        reply.notice().ifPresent(n -> data.put("notice", n));
        publish(id, "reply", reply.turn(), data);
        if (reply.ended()) {
            publish(id, "ended", reply.turn(), new JsonObject().put("reportUrl", "/sessions/" + id + "/report")
                    .put("ending", reply.ending().orElse(null)));
        }
    }

    /** Sends the event, framed once here: every page watching writes the same string as it is. */
    private void publish(String sessionId, String event, int turn, JsonObject data) {
        vertx.eventBus().publish(address(sessionId), event(event, turn, data));
    }

    private String newStreamId() {
        return Tokens.hex(random, 16);
    }

    static String event(String name, int id, JsonObject data) {
        // JSON never contains a raw newline, so one data: line is enough
        return (id > 0 ? "id: " + id + "\n" : "") + "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    /**
     * Publishes the reply's pieces as they are spoken and the committed reply; runs on the turn's context, never
     * blocks. A named events connection closing (the page's tab) cancels the turn.
     */
    private final class Relay implements TurnListener {
        private final String sessionId;
        private int turn;

        Relay(String sessionId) {
            this.sessionId = sessionId;
        }

        @Override
        public void started(TurnInProgress progress, Optional<String> stream) {
            stream.filter(s -> STREAM_ID.matcher(s).matches()).ifPresent(s -> {
                MessageConsumer<String> tabClosed = vertx.eventBus().consumer(closedAddress(s), msg -> {
                    if (sessionId.equals(msg.body())) {
                        progress.cancel();
                    }
                });
                progress.reply().onComplete(ar -> tabClosed.unregister());
            });
        }

        /** Called once the caller may take the turn and the engine has stepped: only then is anyone told. */
        @Override
        public void onTurn(int number) {
            turn = number;
            publish(sessionId, "typing", 0, new JsonObject().put("turn", number));
        }

        @Override
        public void onToken(String text) {
            publish(sessionId, "token", 0, new JsonObject().put("turn", turn).put("text", text));
        }

        @Override
        public void onRestart() {
            publish(sessionId, "restart", 0, new JsonObject().put("turn", turn));
        }

        @Override
        public void onCommitted(TurnReply reply) {
            published(sessionId, reply);
        }
    }
}
