package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.http.ReadBody;
import io.dtrcoach.server.http.Routes;
import io.dtrcoach.server.live.LiveChannel;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.web.WebTemplates;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import static io.dtrcoach.server.auth.Role.admin;
import static io.dtrcoach.server.auth.Role.manager;
import static io.dtrcoach.server.auth.Role.trainer;
import static io.dtrcoach.server.http.AuthHandler.requireRole;

/**
 * Every browser page route and the live channel, top to bottom. Mounted by {@link Routes} after the API's own
 * authentication step; the page failure handler renders HTML and hands JSON paths on to the API's.
 */
public final class WebRoutes {
    private final Views views;
    private final PageAuth auth;
    private final PracticePages practice;
    private final TeamPages team;
    private final TrainerPages trainers;
    private final AdminPages admins;
    private final LiveChannel live;
    /** The live channel authenticates as the API does: bearer token or session cookie. */
    private final Handler<RoutingContext> bearerOrCookie;

    /** What the pages are built from; {@code scenariosDir} is the directory the trainer edits. */
    public record Parts(Json json, AuthService auth, UserService users, Practice practice,
                        ScenarioCatalog catalog, Engines engines, WorkerExecutor compute,
                        Optional<Path> scenariosDir, AuthHandler cookies, Duration sessionTtl, boolean devMode) {
    }

    private WebRoutes(Vertx vertx, Parts p) {
        this.views = new Views(WebTemplates.createEngine(vertx, p.devMode(), ZoneId.of("UTC")), p.json().mapper(), p.compute());
        this.auth = new PageAuth(p.auth(), p.cookies(), p.sessionTtl(), views);
        this.practice = new PracticePages(p.practice(), p.catalog(), views);
        this.team = new TeamPages(p.practice(), p.users(), p.catalog(), views);
        this.trainers = new TrainerPages(new LibraryInspector(p.catalog(), p.engines(), p.scenariosDir()),
                new Previews(p.catalog(), p.engines(), p.compute()), p.catalog(), p.compute(), views, p.json(), practice);
        this.admins = new AdminPages(p.users(), views);
        this.live = new LiveChannel(vertx, p.practice(), p.json());
        this.bearerOrCookie = p.cookies().authenticate();
    }

    /** Builds the pages once (one template engine for the whole server). */
    public static WebRoutes create(Vertx vertx, Parts parts) {
        return new WebRoutes(vertx, parts);
    }

    public void mount(Router router) {
        Handler<RoutingContext> body = new ReadBody();
        Handler<RoutingContext> signedIn = auth.authenticate();

        router.route("/static/*").handler(StaticHandler.create(WebTemplates.STATIC_ROOT));
        router.get("/").handler(auth::home);
        router.get("/login").handler(auth::loginPage);
        router.post("/login").handler(body).handler(auth::login);
        router.post("/logout").handler(body).handler(signedIn).handler(auth::logout);
        router.get("/account").handler(signedIn).handler(auth::account);
        router.post("/account/password").handler(body).handler(signedIn).handler(auth::changePassword);

        router.get("/scenarios").handler(signedIn).handler(practice::catalogue);
        router.get("/history").handler(signedIn).handler(practice::history);
        router.post("/sessions").handler(body).handler(signedIn).handler(practice::start);
        router.get("/sessions/:id").handler(signedIn).handler(practice::practice);
        router.post("/sessions/:id/turns").handler(body).handler(signedIn).handler(practice::turn);
        router.post("/sessions/:id/persona").handler(body).handler(signedIn).handler(practice::persona);
        router.post("/sessions/:id/end").handler(body).handler(signedIn).handler(practice::end);
        router.get("/sessions/:id/report").handler(signedIn).handler(practice::report);
        router.post("/sessions/:id/debrief").handler(body).handler(signedIn).handler(practice::debrief);
        router.post("/sessions/:id/turns/:n/comments").handler(body).handler(signedIn).handler(requireRole(manager, admin))
                .handler(practice::comment);
        router.post("/sessions/:id/overrides").handler(body).handler(signedIn).handler(requireRole(manager, admin))
                .handler(practice::override);

        router.get("/team").handler(signedIn).handler(requireRole(manager, admin)).handler(team::team);

        router.get("/trainer/scenarios").handler(signedIn).handler(requireRole(trainer, admin)).handler(trainers::library);
        router.get("/trainer/scenarios/:id/preview").handler(signedIn).handler(requireRole(trainer, admin))
                .handler(trainers::previewPage);
        router.post("/trainer/scenarios/:id/preview").handler(body).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(trainers::restart);
        router.get("/trainer/preview/:pid").handler(signedIn).handler(requireRole(trainer, admin)).handler(trainers::transcript);
        router.post("/trainer/preview/:pid/turns").handler(body).handler(signedIn).handler(requireRole(trainer, admin))
                .handler(trainers::turn);

        router.get("/admin/users").handler(signedIn).handler(requireRole(admin)).handler(admins::page);
        router.post("/admin/users").handler(body).handler(signedIn).handler(requireRole(admin)).handler(admins::create);
        router.post("/admin/users/:id/team").handler(body).handler(signedIn).handler(requireRole(admin)).handler(admins::moveTeam);
        router.post("/admin/users/:id/password").handler(body).handler(signedIn).handler(requireRole(admin))
                .handler(admins::resetPassword);
        router.post("/admin/users/:id/disable").handler(body).handler(signedIn).handler(requireRole(admin)).handler(admins::disable);
        router.post("/admin/users/:id/enable").handler(body).handler(signedIn).handler(requireRole(admin)).handler(admins::enable);
        router.post("/admin/teams").handler(body).handler(signedIn).handler(requireRole(admin)).handler(admins::createTeam);

        router.get("/live/sessions/:id/events").handler(bearerOrCookie).handler(live::events);
        router.post("/live/sessions/:id/turns").handler(body).handler(signedIn).handler(live::turn);
        router.post("/api/sessions/:id/turns").handler(live::relayTurn);

        router.route().failureHandler(new PageFailures(views));
        router.route().handler(ctx -> {
            if (PageFailures.isPagePath(ctx.normalizedPath())) {
                ctx.fail(404);
            } else {
                ctx.next();
            }
        });
    }
}
