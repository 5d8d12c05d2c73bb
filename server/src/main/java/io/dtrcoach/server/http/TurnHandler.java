package io.dtrcoach.server.http;

import io.dtrcoach.server.llm.SpeechCancelled;
import io.dtrcoach.server.practice.TurnInProgress;
import io.dtrcoach.server.practice.TurnKey;
import io.dtrcoach.server.practice.Turns;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Function;

/**
 * Takes a turn request, the one way for the API's turn route and the practice page's live one:
 * {@code {"text", "stream"?}} in (and an optional {@code Idempotency-Key} header: the same key on the same session
 * gets the same answer and no second turn), the committed turn's reply out (200), or a failure for the failure
 * handler.
 * Whoever watches the session hears the reply as it is spoken: the {@link TurnListener} this handler is given per
 * session (the live channel's relay). A client that gives up waiting cancels the turn, so that no model call keeps
 * running for it; a turn cancelled otherwise while the request stays open is answered 503, nothing stored.
 */
public final class TurnHandler implements Handler<RoutingContext> {
    public static final String CANCELLED = "The live connection closed, so the reply was stopped and nothing was "
            + "saved; send your line again.";

    private final Turns turns;
    private final Replies replies;
    private final Function<String, TurnListener> listeners;

    TurnHandler(Turns turns, Replies replies, Function<String, TurnListener> listeners) {
        this.turns = turns;
        this.replies = replies;
        this.listeners = listeners;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String text = body.string("text");
        Optional<String> stream = body.optionalString("stream");
        String sessionId = ctx.pathParam("id");
        TurnListener listener = listeners.apply(sessionId);
        Optional<TurnKey> key = Optional.ofNullable(ctx.request().getHeader(TurnKey.HEADER)).map(k -> TurnKey.of(k, text));
        TurnInProgress turn = turns.take(AuthHandler.caller(ctx), sessionId, text, listener, key);
        ctx.response().closeHandler(v -> turn.cancel());
        listener.started(turn, stream);
        Answer.when(ctx, turn.reply(), reply -> {
            if (!turn.replayed()) {
                listener.onCommitted(reply);
            }
            if (!ctx.response().closed()) {
                replies.ok(ctx, reply);
            }
        }, e -> {
            if (e instanceof SpeechCancelled) {
                // drop what watching pages were shown of the reply; nothing was stored
                listener.onRestart();
                if (!ctx.response().closed()) {
                    replies.error(ctx, 503, CANCELLED);
                }
                return;
            }
            if (!ctx.response().closed()) {
                ctx.fail(e);
            }
        });
    }
}
