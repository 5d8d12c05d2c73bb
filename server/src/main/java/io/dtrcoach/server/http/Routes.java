package io.dtrcoach.server.http;

import io.dtrcoach.server.Json;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.cluster.Membership;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.handler.HttpException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static io.dtrcoach.server.http.AuthHandler.requireRole;
import static io.dtrcoach.server.auth.Role.admin;
import static io.dtrcoach.server.auth.Role.manager;
import static io.dtrcoach.server.auth.Role.trainer;

/** Every HTTP route of the server, top to bottom; cross-cutting steps are handler chains. */
public final class Routes {

    private final Replies replies;
    private final AuthHandler auth;
    private final SessionsHandler sessions;
    private final TurnHandler turns;
    private final UsersHandler users;
    private final ScenariosHandler scenarios;
    private final HealthHandler health;
    private final Metrics metrics;
    private final List<Consumer<Router>> extensions = new ArrayList<>();

    /** @param trustForwardedHeaders the client address comes from {@code X-Forwarded-*} (behind a proxy only) */
    public record Settings(boolean secureCookie, Duration sessionTtl, boolean trustForwardedHeaders) {
    }

    private final Settings settings;

    public Routes(Json json, Metrics metrics, AsyncDatabase db, AuthService authService, UserService userService,
                  Practice practice, ScenarioCatalog catalog, Settings settings, Membership membership) {
        this.settings = settings;
        this.replies = new Replies(json);
        this.metrics = metrics;
        this.auth = new AuthHandler(authService, replies, metrics, settings.secureCookie(), settings.sessionTtl());
        this.sessions = new SessionsHandler(practice, replies);
        this.turns = new TurnHandler(practice, json);
        this.users = new UsersHandler(userService, replies);
        this.scenarios = new ScenariosHandler(catalog, practice, replies);
        this.health = new HealthHandler(db, catalog, metrics, replies, membership);
    }

    /** The auth steps, for the browser pages to put in front of their own routes. */
    public AuthHandler auth() {
        return auth;
    }

    /** Mounts more routes (the browser pages, the live channel) after the API's authentication step. */
    public void extend(Consumer<Router> mount) {
        extensions.add(mount);
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        if (settings.trustForwardedHeaders()) {
            // Vert.x Web then answers remoteAddress(), scheme and host from the proxy's X-Forwarded-* headers
            router.allowForward(AllowForwardHeaders.X_FORWARD);
        }
        router.route().handler(this::countAndHarden);

        router.get("/health").handler(health::health);
        router.get("/metrics").handler(health::metrics);

        // only methods that carry a body: a multipart content type on a GET or HEAD makes BodyHandler throw
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).handler(Routes::refuseForms);
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).handler(new ReadBody());
        router.post("/api/login").handler(auth::login);
        // Without this, any other method on /api/login would meet the log-in-first check below: a 401 (or a 404
        // with a token) where the answer is that only POST logs in.
        router.route("/api/login").handler(ctx -> {
            ctx.response().putHeader("Allow", "POST");
            replies.error(ctx, 405, "method not allowed: log in with POST /api/login");
        });
        router.route("/api/*").handler(auth.authenticate());
        router.post("/api/logout").handler(auth::logout);
        router.get("/api/me").handler(auth::me);
        router.post("/api/me/password").handler(auth::changePassword);
        extensions.forEach(mount -> mount.accept(router));

        router.get("/api/scenarios").handler(scenarios::list);
        router.get("/api/scenarios/status").handler(requireRole(trainer, admin)).handler(scenarios::status);

        router.post("/api/sessions").handler(sessions::start);
        router.get("/api/sessions").handler(sessions::list);
        router.get("/api/sessions.csv").handler(sessions::csv);
        router.get("/api/sessions/:id").handler(sessions::transcript);
        router.post("/api/sessions/:id/turns").handler(turns);
        router.post("/api/sessions/:id/end").handler(sessions::end);
        router.post("/api/sessions/:id/persona").handler(sessions::persona);
        router.get("/api/sessions/:id/report").handler(sessions::report);
        router.post("/api/sessions/:id/turns/:turn/comments").handler(requireRole(manager, admin))
                .handler(sessions::comment);
        router.post("/api/sessions/:id/overrides").handler(requireRole(manager, admin)).handler(sessions::override);

        router.get("/api/users").handler(requireRole(admin)).handler(users::list);
        router.post("/api/users").handler(requireRole(admin)).handler(users::create);
        router.patch("/api/users/:id").handler(requireRole(admin)).handler(users::update);
        router.get("/api/teams").handler(requireRole(admin)).handler(users::teams);
        router.post("/api/teams").handler(requireRole(admin)).handler(users::createTeam);

        Handler<RoutingContext> failures = new FailureHandler(replies);
        router.route().failureHandler(failures);
        router.errorHandler(404, ctx -> replies.error(ctx, 404, "not found"));
        router.errorHandler(405, ctx -> replies.error(ctx, 405, "method not allowed"));
        // a failure outside any route's handlers (while matching a route, say) still gets a JSON error
        router.errorHandler(500, failures);
        return router;
    }

    private void countAndHarden(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        ctx.addHeadersEndHandler(v -> metrics.request(ctx.request().method().name(), ctx.response().getStatusCode()));
        // a broken escape (%zz, a trailing %) would otherwise throw while routing (path parameters) or, in the
        // query, inside BodyHandler's end handler, where the exception is lost and the request never answered
        if (BROKEN_ESCAPE.matcher(ctx.request().uri()).find()) {
            ctx.fail(new MalformedRequest("the URL has a malformed %-escape"));
            return;
        }
        ctx.next();
    }

    /**
     * The API takes JSON. BodyHandler would decode a form or multipart body (the browser pages' routes want that),
     * and a malformed one fails there with an exception that is no client error; refuse them up front.
     */
    private static void refuseForms(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String t = type == null ? "" : type.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/")) {
            ctx.fail(new HttpException(415));
            return;
        }
        ctx.next();
    }

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
}
