package io.dtrcoach.server.http;

import io.dtrcoach.server.failure.DomainFailure;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP. A {@link DomainFailure} answers its own status and message; a status
 * the router or Vert.x Web set (404, 405, 413, 415) answers with a stock message; a body the HTTP layer could not
 * decode is a 400. Anything else is a bug: a 500 with a generic message, logged here once with its stack trace.
 * Clients never see a stack trace or an exception class.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    private final Replies replies;

    FailureHandler(Replies replies) {
        this.replies = replies;
    }

    /** How a failed request is answered: its status and the message the client may see. */
    public record Refusal(int status, String message) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            LOG.warn("Failure after the response started on {} {}", ctx.request().method(), ctx.request().path(),
                    ctx.failure());
            ctx.response().reset();
            return;
        }
        Throwable f = ctx.failure();
        Refusal refusal = refusal(ctx);
        if (f != null && refusal.status() == 503) {
            // an outage (the database down): expected and passing, so a warning, once per request
            LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), f.getMessage(), f);
        } else if (f != null && refusal.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), f);
        }
        if (f instanceof DomainFailure d) {
            d.retryAfter().ifPresent(wait -> ctx.response().putHeader("Retry-After", Long.toString(wait.toSeconds())));
        }
        if (f instanceof DomainFailure.NotSignedIn) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        replies.error(ctx, refusal.status(), refusal.message());
    }

    /** The answer to a failed request (the browser pages' failure handler asks too, and renders it as a page). */
    public static Refusal refusal(RoutingContext ctx) {
        Throwable f = ctx.failure();
        if (f == null) {
            return new Refusal(ctx.statusCode(), messageFor(ctx.statusCode()));
        }
        if (f instanceof DomainFailure d) {
            return new Refusal(d.status(), d.publicMessage());
        }
        if (f instanceof HttpException e) {
            return e.getStatusCode() >= 500 && e.getStatusCode() != 503 ? internalError()
                    : new Refusal(e.getStatusCode(), messageFor(e.getStatusCode()));
        }
        if (f instanceof DecoderException) {
            return new Refusal(400, "the request body could not be decoded (this API takes JSON)");
        }
        if (ReadBody.failedReading(ctx)) {
            return new Refusal(400, f.getMessage());
        }
        return internalError();
    }

    private static Refusal internalError() {
        return new Refusal(500, "internal error");
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "log in first";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large (the limit is 64 KiB)";
            case 415 -> "unsupported media type: this API takes a JSON body (Content-Type: application/json)";
            case 503 -> "the service is temporarily unavailable; try again shortly";
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }
}
