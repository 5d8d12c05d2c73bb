package io.dtrcoach.server.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request once a future completes. Vert.x catches an exception thrown by a future's callback and only logs
 * it ("Unhandled exception"): the router never hears of it, and the request is never answered (a login whose
 * {@code next} held a newline made the {@code Location} header throw, and the browser waited for good). A step run
 * through here that throws fails the request instead, and the failure handler answers it.
 */
public final class Answer {
    private static final Logger LOG = LoggerFactory.getLogger(Answer.class);

    private Answer() {
    }

    /** Runs {@code step} with the value; the future's failure, or an exception from {@code step}, fails the request. */
    public static <T> void when(RoutingContext ctx, Future<T> future, Handler<T> step) {
        when(ctx, future, step, ctx::fail);
    }

    /** As {@link #when(RoutingContext, Future, Handler)}, with the request's own way of answering a failure. */
    public static <T> void when(RoutingContext ctx, Future<T> future, Handler<T> step, Handler<Throwable> otherwise) {
        future.onComplete(ar -> {
            try {
                if (ar.succeeded()) {
                    step.handle(ar.result());
                } else {
                    otherwise.handle(ar.cause());
                }
            } catch (RuntimeException e) {
                fail(ctx, e);
            }
        });
    }

    private static void fail(RoutingContext ctx, RuntimeException e) {
        if (!ctx.failed()) {
            ctx.fail(e);
            return;
        }
        // answering a failure threw in turn: nothing sensible can be written any more, so the connection is reset
        LOG.error("Answering the failed request {} {} failed", ctx.request().method(), ctx.request().path(), e);
        if (!ctx.response().ended()) {
            ctx.response().reset();
        }
    }
}
