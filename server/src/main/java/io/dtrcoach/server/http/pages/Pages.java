package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.authoring.Authoring;
import io.dtrcoach.server.authoring.GatedCatalog;
import io.dtrcoach.server.sso.OidcProvider;
import io.dtrcoach.server.auth.SsoAccounts;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.web.WebTemplates;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The browser pages' handlers, made once over one Handlebars engine; {@code io.dtrcoach.server.app.Routes} wires them.
 * The page failure handler renders HTML and hands JSON paths on to the API's.
 */
public record Pages(PageAuth auth, PracticePages practice, TeamPages team, TrainerPages trainers, AdminPages admins,
                    AssignmentPages assignments, ProgressPages progress, PageFailures failures, SsoPages sso,
                    AuthoringPages authoring) {

    /**
     * What the pages are built from; {@code scenariosDir} is the directory the trainer edits, {@code oidc} the single
     * sign-on provider if one is configured, {@code passwords} whether local passwords may be used.
     */
    public record Parts(Json json, AuthService auth, UserService users, Practice practice, ScenarioCatalog catalog,
                        Engines engines, WorkerExecutor compute, Optional<Path> scenariosDir, AuthHandler cookies,
                        Duration sessionTtl, boolean devMode, Optional<OidcProvider> oidc, SsoAccounts ssoAccounts,
                        boolean passwords, Assignments assignments, GatedCatalog gate, Authoring authoring) {
    }

    public static Pages create(Vertx vertx, Parts p) {
        Views views = new Views(WebTemplates.createEngine(vertx, p.devMode(), ZoneId.of("UTC")), p.json().mapper(),
                p.compute());
        PracticePages practice = new PracticePages(p.practice(), p.catalog(), views, p.assignments());
        Optional<PageAuth.SignIn> sso = p.oidc().map(o -> new PageAuth.SignIn(o.config().label()));
        return new Pages(new PageAuth(p.auth(), p.cookies(), p.sessionTtl(), views, sso, p.passwords()), practice,
                new TeamPages(p.practice(), p.users(), p.catalog(), views),
                new TrainerPages(new LibraryInspector(p.gate(), p.engines(), p.scenariosDir()),
                        new Previews(p.catalog(), p.engines(), p.compute()), p.catalog(), p.compute(), views, p.json(),
                        practice),
                new AdminPages(p.users(), views),
                new AssignmentPages(p.assignments(), p.users(), p.catalog(), views),
                new ProgressPages(p.practice(), p.users(), p.catalog(), views), new PageFailures(views),
                new SsoPages(p.oidc(), p.ssoAccounts(), p.cookies(), p.sessionTtl(), views),
                new AuthoringPages(p.authoring(), views, p.json()));
    }
}
