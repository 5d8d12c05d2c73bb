package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.Unauthenticated;
import io.dtrcoach.server.http.FailureHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Failures of browser pages become the friendly error page (or a redirect to the login page); JSON paths pass on
 * to the API's failure handler. Only messages written for users are shown; a 5xx is logged here once, with a
 * request id the page shows so that the log line can be found.
 */
public final class PageFailures implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(PageFailures.class);

    private final Views views;

    PageFailures(Views views) {
        this.views = views;
    }

    /** The last step for a request no route answered: a page path gets the 404 page, anything else goes on. */
    public void unmatched(RoutingContext ctx) {
        if (isPagePath(ctx.normalizedPath())) {
            ctx.fail(404);
        } else {
            ctx.next();
        }
    }

    static boolean isPagePath(String path) {
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/health")
                || path.startsWith("/metrics") || path.startsWith("/live/") || path.startsWith("/static/"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!isPagePath(ctx.normalizedPath()) || wantsJson(ctx)) {
            ctx.next();
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable f = ctx.failure();
        if (f instanceof Unauthenticated) {
            String next = ctx.request().method() == HttpMethod.GET ? ctx.request().uri() : "/";
            Views.redirect(ctx, "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        int status = FailureHandler.refusal(ctx).status();
        if (status < 400) {
            status = 500;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        if (status >= 500) {
            String requestId = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("{} {} failed (request {})", ctx.request().method(), ctx.request().path(), requestId, f);
            model.put("requestId", requestId);
            model.put("title", "Something went wrong");
            model.put("message", "The server could not finish this request. Try again in a moment.");
        } else {
            model.put("title", titleOf(status));
            model.put("message", f instanceof InvalidInput || status == 409 ? f.getMessage() : messageOf(status));
        }
        views.render(ctx, status, "error", model);
    }

    /** The practice script posts JSON to some page paths (the preview); it gets JSON errors. */
    private static boolean wantsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.startsWith("application/json");
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "That didn't work";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 409 -> "Already done";
            case 429 -> "Slow down";
            default -> "Something went wrong";
        };
    }

    private static String messageOf(int status) {
        return switch (status) {
            case 403 -> "Your account doesn't have access to this page.";
            case 404 -> "There is nothing here, or it isn't yours to see.";
            case 429 -> "Too many requests. Wait a moment and try again.";
            default -> "The request could not be completed.";
        };
    }
}
