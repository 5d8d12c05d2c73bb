package io.dtrcoach.server.app;

import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.http.Api;
import io.dtrcoach.server.http.MalformedRequest;
import io.dtrcoach.server.http.ReadBody;
import io.dtrcoach.server.http.pages.Pages;
import io.dtrcoach.server.live.LiveChannel;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import io.dtrcoach.web.WebTemplates;

import java.util.Locale;
import java.util.regex.Pattern;

import static io.dtrcoach.server.auth.Role.admin;
import static io.dtrcoach.server.auth.Role.manager;
import static io.dtrcoach.server.auth.Role.trainer;
import static io.dtrcoach.server.http.AuthHandler.requireRole;

/**
 * Every route of the server, top to bottom: health, the browser pages, the live channel, the JSON API, and what
 * answers a failure. Cross-cutting steps are handler chains: hardening and metrics in front of everything, reading
 * the body (JSON only on the API), who the caller is, which role they need.
 */
public final class Routes {
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Api api;
    private final Pages pages;
    private final LiveChannel live;
    private final Metrics metrics;
    private final boolean trustForwardedHeaders;

    /** @param trustForwardedHeaders the client address comes from {@code X-Forwarded-*} (behind a proxy only) */
    public Routes(Api api, Pages pages, LiveChannel live, Metrics metrics, boolean trustForwardedHeaders) {
        this.api = api;
        this.pages = pages;
        this.live = live;
        this.metrics = metrics;
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        if (trustForwardedHeaders) {
            // Vert.x Web then answers remoteAddress(), scheme and host from the proxy's X-Forwarded-* headers
            router.allowForward(AllowForwardHeaders.X_FORWARD);
        }
        router.route().handler(this::countAndHarden);

        // ---- health
        router.get("/health").handler(api.health()::health);
        router.get("/metrics").handler(api.health()::metrics);

        // ---- the browser pages: form bodies, the session cookie (a missing one redirects to the login page)
        Handler<RoutingContext> form = new ReadBody();
        Handler<RoutingContext> signedIn = pages.auth().authenticate();

        router.route("/static/*").handler(StaticHandler.create(WebTemplates.STATIC_ROOT));
        router.get("/").handler(pages.auth()::home);
        router.get("/login").handler(pages.auth()::loginPage);
        router.post("/login").handler(form).handler(pages.auth()::login);
        router.get("/login/sso").handler(pages.sso()::start);
        router.get("/login/sso/callback").handler(pages.sso()::callback);
        router.post("/logout").handler(form).handler(signedIn).handler(pages.auth()::logout);
        router.get("/account").handler(signedIn).handler(pages.auth()::account);
        router.post("/account/password").handler(form).handler(signedIn).handler(pages.auth()::changePassword);

        router.get("/scenarios").handler(signedIn).handler(pages.practice()::catalogue);
        router.get("/history").handler(signedIn).handler(pages.practice()::history);
        router.post("/sessions").handler(form).handler(signedIn).handler(pages.practice()::start);
        router.get("/sessions/:id").handler(signedIn).handler(pages.practice()::practice);
        router.post("/sessions/:id/turns").handler(form).handler(signedIn).handler(pages.practice()::turn);
        router.post("/sessions/:id/persona").handler(form).handler(signedIn).handler(pages.practice()::persona);
        router.post("/sessions/:id/end").handler(form).handler(signedIn).handler(pages.practice()::end);
        router.get("/sessions/:id/report").handler(signedIn).handler(pages.practice()::report);
        router.post("/sessions/:id/debrief").handler(form).handler(signedIn).handler(pages.practice()::debrief);
        router.post("/sessions/:id/turns/:n/comments").handler(form).handler(signedIn).handler(requireRole(manager, admin))
                .handler(pages.practice()::comment);
        router.post("/sessions/:id/reviewed").handler(form).handler(signedIn).handler(requireRole(manager, admin))
                .handler(pages.practice()::markReviewed);
        router.post("/sessions/:id/overrides").handler(form).handler(signedIn).handler(requireRole(manager, admin))
                .handler(pages.practice()::override);

        router.get("/team").handler(signedIn).handler(requireRole(manager, admin)).handler(pages.team()::team);
        router.get("/assignments").handler(signedIn).handler(requireRole(manager, trainer, admin))
                .handler(pages.assignments()::page);
        router.post("/assignments").handler(form).handler(signedIn).handler(requireRole(manager, trainer, admin))
                .handler(pages.assignments()::create);
        router.get("/reps/:username/progress").handler(signedIn).handler(pages.progress()::page);

        router.get("/trainer/scenarios").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.trainers()::library);
        router.get("/trainer/scenarios/:id/preview").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.trainers()::previewPage);
        router.post("/trainer/scenarios/:id/preview").handler(form).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.trainers()::restart);
        router.get("/trainer/schema/dtr-scenario-1.json").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::schema);
        router.get("/trainer/scenarios/:id/edit").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::edit);
        router.get("/trainer/scenarios/:id/copy").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::copy);
        router.get("/trainer/scenarios/:id/funnel").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::funnel);
        router.post("/trainer/scenarios/:id/lint").handler(form).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::lint);
        router.post("/trainer/scenarios/:id/tests").handler(form).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::tests);
        router.post("/trainer/scenarios/:id/publish").handler(form).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.authoring()::publish);
        router.get("/trainer/preview/:pid").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.trainers()::transcript);
        router.post("/trainer/preview/:pid/turns").handler(form).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(pages.trainers()::turn);

        router.get("/admin/users").handler(signedIn).handler(requireRole(admin)).handler(pages.admins()::page);
        router.post("/admin/users").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::create);
        router.post("/admin/users/:id/team").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::moveTeam);
        router.post("/admin/users/:id/password").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::resetPassword);
        router.post("/admin/users/:id/disable").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::disable);
        router.post("/admin/users/:id/enable").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::enable);
        router.post("/admin/users/import").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::importCsv);
        router.get("/admin/users/:id").handler(signedIn).handler(requireRole(admin)).handler(pages.admins()::edit);
        router.post("/admin/users/:id").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::save);
        router.post("/admin/users/:id/delete").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::delete);
        router.post("/admin/teams").handler(form).handler(signedIn).handler(requireRole(admin))
                .handler(pages.admins()::createTeam);

        // ---- the live channel: a session's events as they happen (bearer token or cookie, as the API), and the
        // practice page's turn, taken by the API's own turn handler
        router.get("/live/sessions/:id/events").handler(api.auth().authenticate()).handler(live::events);
        router.post("/live/sessions/:id/turns").handler(form).handler(signedIn).handler(api.turns());

        // a page path no route above answered: the 404 page. Here, before the API's routes, because a route that
        // matches after a path matched with another method makes the router answer 404 instead of 405
        router.route().handler(pages.failures()::unmatched);

        // ---- the JSON API: a JSON body (only methods that carry one: a multipart content type on a GET or HEAD
        // makes the body step throw), then the caller by bearer token or session cookie
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).handler(Routes::refuseForms);
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).handler(new ReadBody());
        router.post("/api/login").handler(api.auth()::login);
        router.route("/api/login").handler(api.auth()::loginMethodNotAllowed);
        router.route("/api/*").handler(api.auth().authenticate());
        router.post("/api/logout").handler(api.auth()::logout);
        router.get("/api/me").handler(api.auth()::me);
        router.post("/api/me/password").handler(api.auth()::changePassword);

        router.get("/api/scenarios").handler(api.scenarios()::list);
        router.get("/api/scenarios/status").handler(requireRole(trainer, admin)).handler(api.scenarios()::status);

        router.post("/api/sessions").handler(api.sessions()::start);
        router.get("/api/sessions").handler(api.sessions()::list);
        router.get("/api/sessions.csv").handler(api.sessions()::csv);
        router.get("/api/sessions/:id").handler(api.sessions()::transcript);
        router.post("/api/sessions/:id/turns").handler(api.turns());
        router.post("/api/sessions/:id/end").handler(api.sessions()::end);
        router.post("/api/sessions/:id/persona").handler(api.sessions()::persona);
        router.get("/api/sessions/:id/report").handler(api.sessions()::report);
        router.post("/api/sessions/:id/turns/:turn/comments").handler(requireRole(manager, admin))
                .handler(api.sessions()::comment);
        router.post("/api/sessions/:id/overrides").handler(requireRole(manager, admin)).handler(api.sessions()::override);

        router.post("/api/assignments").handler(requireRole(manager, trainer, admin)).handler(api.assignments()::create);
        router.get("/api/assignments").handler(api.assignments()::list);
        router.get("/api/assignments.csv").handler(requireRole(manager, trainer, admin)).handler(api.assignments()::csv);

        router.get("/api/users").handler(requireRole(admin)).handler(api.users()::list);
        router.post("/api/users").handler(requireRole(admin)).handler(api.users()::create);
        router.patch("/api/users/:id").handler(requireRole(admin)).handler(api.users()::update);
        router.get("/api/teams").handler(requireRole(admin)).handler(api.users()::teams);
        router.post("/api/teams").handler(requireRole(admin)).handler(api.users()::createTeam);

        // ---- failures: a page gets the error page (or the login page), anything else a JSON {"error"}
        router.route().failureHandler(pages.failures());
        router.route().failureHandler(api.failures());
        router.errorHandler(404, api.failures());
        router.errorHandler(405, api.failures());
        // a failure outside any route's handlers (while matching a route, say) still gets a JSON error
        router.errorHandler(500, api.failures());
        return router;
    }

    private void countAndHarden(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        ctx.addHeadersEndHandler(v -> metrics.request(ctx.request().method().name(), ctx.response().getStatusCode()));
        // a broken escape (%zz, a trailing %) would otherwise throw while routing (path parameters) or, in the
        // query, inside the body step's end handler, where the exception is lost and the request never answered
        if (BROKEN_ESCAPE.matcher(ctx.request().uri()).find()) {
            ctx.fail(new MalformedRequest("the URL has a malformed %-escape"));
            return;
        }
        ctx.next();
    }

    /**
     * The API takes JSON. The body step would decode a form or multipart body (the browser pages' routes want that),
     * and a malformed one fails there with an exception that is no client error; refuse them up front.
     */
    private static void refuseForms(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String t = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/")) {
            ctx.fail(new HttpException(415));
            return;
        }
        ctx.next();
    }
}
