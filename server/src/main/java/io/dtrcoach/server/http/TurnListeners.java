package io.dtrcoach.server.http;

import io.dtrcoach.server.llm.ReplyListener;
import io.vertx.ext.web.RoutingContext;

/**
 * How a chain step in front of a turn route (the live channel's relay) hears the reply as it is spoken: it puts its
 * listener on the request, and the turn hands the listener to the conversation only once the caller may take the
 * turn, so nothing is heard of a turn refused.
 */
public final class TurnListeners {
    private static final String KEY = "dtr.turn.listener";

    private TurnListeners() {
    }

    public static void listen(RoutingContext ctx, ReplyListener listener) {
        ctx.put(KEY, listener);
    }

    static ReplyListener of(RoutingContext ctx) {
        ReplyListener listener = ctx.get(KEY);
        return listener == null ? ReplyListener.ignoring() : listener;
    }
}
