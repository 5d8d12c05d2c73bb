package io.dtrcoach.server.http.pages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.web.WebTemplates;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the web module's pages with the one template engine, adding what every page reads (the signed-in user,
 * the CSRF token) and the strict headers every HTML response carries.
 */
final class Views {
    static final String CSP = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final HandlebarsTemplateEngine engine;
    private final ObjectMapper mapper;
    private final WorkerExecutor renderers;

    /** Rendering runs on {@code renderers}: compiling a template on first use and drawing charts take a while. */
    Views(HandlebarsTemplateEngine engine, ObjectMapper mapper, WorkerExecutor renderers) {
        this.engine = engine;
        this.mapper = mapper;
        this.renderers = renderers;
    }

    /** Renders {@code page} for the signed-in caller (if any) and ends the response with {@code status}. */
    void render(RoutingContext ctx, int status, String page, Map<String, Object> model) {
        Map<String, Object> full = new LinkedHashMap<>(model);
        Optional<Caller> caller = Optional.ofNullable(ctx.get(AuthHandler.CALLER));
        caller.ifPresent(c -> {
            full.putIfAbsent("user", user(c.user()));
            full.putIfAbsent("csrf", c.csrfToken());
        });
        Answer.when(ctx, renderers.executeBlocking(() -> engine.render(full, WebTemplates.page(page)), false)
                .compose(f -> f), html -> {
            if (ctx.response().ended()) {
                return;
            }
            harden(ctx);
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
        });
    }

    void render(RoutingContext ctx, String page, Map<String, Object> model) {
        render(ctx, 200, page, model);
    }

    static void harden(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cache-Control", "no-store");
    }

    static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(u.id()));
        m.put("username", u.username());
        m.put("name", u.username());
        m.put("role", u.role().name());
        u.team().ifPresent(t -> m.put("team", t));
        return m;
    }

    /** A record or JSON tree as plain maps and lists (Optionals unwrapped, instants as ISO text). */
    Map<String, Object> map(Object value) {
        return mapper.convertValue(value, MAP);
    }

    Object plain(Object value) {
        return mapper.convertValue(value, Object.class);
    }
}
