package io.dtrcoach.server.http;

import io.dtrcoach.core.conversation.ConversationEnded;
import io.dtrcoach.core.scenario.ScenarioNotFound;
import io.dtrcoach.server.InvalidInput;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.TooManyAttempts;
import io.dtrcoach.server.auth.Unauthenticated;
import io.dtrcoach.server.auth.UserNotFound;
import io.dtrcoach.server.auth.TeamExists;
import io.dtrcoach.server.auth.UsernameTaken;
import io.dtrcoach.server.persistence.DatabaseUnavailable;
import io.dtrcoach.server.persistence.UnstorableText;
import io.dtrcoach.server.practice.IdempotencyKeyReused;
import io.dtrcoach.server.practice.PersonaUnavailable;
import io.dtrcoach.server.practice.SessionEnded;
import io.dtrcoach.server.practice.SessionNotFound;
import io.dtrcoach.server.practice.SessionOpen;
import io.dtrcoach.server.practice.TurnConflict;
import io.dtrcoach.server.practice.TurnNotFound;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP: typed domain exceptions map to their status with their message;
 * anything else is a 500 with a generic message, logged here once with its stack trace. Clients never see a
 * stack trace or an exception class.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    private final Replies replies;

    FailureHandler(Replies replies) {
        this.replies = replies;
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
        if (f == null) {
            replies.error(ctx, ctx.statusCode(), messageFor(ctx.statusCode()));
            return;
        }
        if (f instanceof Unauthenticated) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        } else if (f instanceof TooManyAttempts e) {
            ctx.response().putHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
        } else if (f instanceof DatabaseUnavailable) {
            ctx.response().putHeader("Retry-After", "5");
        }
        int status = statusOf(f);
        if (status == 503) {
            LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), f.getMessage());
            replies.error(ctx, 503, "the service is temporarily unavailable; try again shortly");
        } else if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), f);
            replies.error(ctx, 500, "internal error");
        } else if (f instanceof HttpException) {
            replies.error(ctx, status, messageFor(status));
        } else if (f instanceof DecoderException) {
            replies.error(ctx, 400, "the request body could not be decoded (this API takes JSON)");
        } else {
            replies.error(ctx, status, f.getMessage());
        }
    }

    public static int statusOf(Throwable f) {
        // DecoderException: the HTTP layer could not decode a form body (a field too long, bad encoding)
        if (f instanceof InvalidInput || f instanceof MalformedRequest || f instanceof DecoderException
                || f instanceof UnstorableText || isFormDecoding(f)) {
            return 400;
        }
        if (f instanceof Unauthenticated) {
            return 401;
        }
        if (f instanceof Forbidden) {
            return 403;
        }
        if (f instanceof SessionNotFound || f instanceof ScenarioNotFound || f instanceof TurnNotFound
                || f instanceof UserNotFound) {
            return 404;
        }
        if (f instanceof SessionEnded || f instanceof ConversationEnded || f instanceof SessionOpen
                || f instanceof TurnConflict || f instanceof UsernameTaken || f instanceof TeamExists
                || f instanceof PersonaUnavailable) {
            return 409;
        }
        if (f instanceof IdempotencyKeyReused) {
            return 422;
        }
        if (f instanceof TooManyAttempts) {
            return 429;
        }
        if (f instanceof DatabaseUnavailable) {
            return 503;
        }
        if (f instanceof HttpException e) {
            return e.getStatusCode();
        }
        return 500;
    }

    /**
     * Netty reports a broken %-escape in a form field's name (not its value) as a bare IllegalArgumentException
     * from its decoder rather than a DecoderException, and a field over the size limit as an IOException; either is
     * the client's body all the same.
     */
    private static boolean isFormDecoding(Throwable f) {
        if (!(f instanceof IllegalArgumentException || f instanceof java.io.IOException)) {
            return false;
        }
        for (StackTraceElement frame : f.getStackTrace()) {
            if (frame.getClassName().startsWith("io.netty.handler.codec.http.")) {
                return true;
            }
        }
        return false;
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
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }
}
