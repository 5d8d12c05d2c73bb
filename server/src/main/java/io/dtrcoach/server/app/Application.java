package io.dtrcoach.server.app;

import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.assign.Reminders;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.sso.OidcProvider;
import io.dtrcoach.server.auth.SsoAccounts;
import io.dtrcoach.server.auth.PasswordHasher;
import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.cluster.Membership;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.http.HttpVerticle;
import io.dtrcoach.server.http.Api;
import io.dtrcoach.server.llm.LlmSpeaker;
import io.dtrcoach.server.http.pages.Pages;
import io.dtrcoach.server.live.LiveChannel;
import io.dtrcoach.server.mail.Mailer;
import io.dtrcoach.server.mail.SmtpMailer;
import io.dtrcoach.server.persistence.AssignmentRepository;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.PublicationRepository;
import io.dtrcoach.server.authoring.Authoring;
import io.dtrcoach.server.authoring.GatedCatalog;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.SsoRepository;
import io.dtrcoach.server.persistence.UserRepository;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionScorer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The running server, composed from its parts: database, services, routes and the HTTP verticle. {@code serve}
 * and the tests start it the same way. The database must already be open (opening it blocks).
 */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final long PURGE_EVERY_MS = 10 * 60 * 1000;
    private static final long RELOAD_EVERY_MS = 2_000;
    /**
     * One HTTP verticle (one event loop) per core. With one, the JSON, routing and socket work of every request ran
     * on a single thread, whatever the worker pools could do.
     */

    private final Vertx vertx;
    private final AsyncDatabase db;
    private final WorkerExecutor compute;
    private final UserService users;
    private final AuthService auth;
    private final Practice practice;
    private final LlmSpeaker llm;
    private final Routes routes;
    private final Assignments assignments;
    private final Optional<Mailer> mailer;
    private final Optional<Reminders> reminders;
    private final Optional<Long> remindTimer;
    private final long purgeTimer;
    private final long reloadTimer;
    private String httpDeployment;
    private int port;

    /**
     * The parts that differ between production and tests.
     *
     * @param random the source of every secret, id and session seed (a seeded one makes a run repeatable)
     */
    public record Parts(ScenarioCatalog catalog, TextEmbedder embedder, MoveClassifier classifier,
                        SessionScorer scorer, Clock clock, SecureRandom random) {
        public Parts(ScenarioCatalog catalog, TextEmbedder embedder, MoveClassifier classifier, SessionScorer scorer,
                     Clock clock) {
            this(catalog, embedder, classifier, scorer, clock, new SecureRandom());
        }
    }

    private Application(Vertx vertx, Database database, ServerConfig config, Parts parts, Membership membership,
                        Metrics metrics) {
        this.vertx = vertx;
        SecureRandom random = parts.random();
        Json json = new Json();
        Tokens tokens = new Tokens(random);
        PasswordHasher hasher = new PasswordHasher(random, config.passwordIterations());
        UserRepository userRepo = new UserRepository();
        AuthSessionRepository authRepo = new AuthSessionRepository();
        this.db = new AsyncDatabase(vertx, database, config.workerPoolSize());
        this.compute = vertx.createSharedWorkerExecutor("dtr-engine", Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.users = new UserService(db, userRepo, authRepo, hasher, tokens, parts.clock());
        this.auth = new AuthService(db, userRepo, authRepo, hasher, tokens, parts.clock(),
                new AuthService.Settings(config.sessionTtl(), config.loginMaxFailuresPerAccount(),
                        config.loginMaxFailuresPerAddress(), config.loginWindow(), config.passwordLogin()));
        Engines engines = new Engines(new IntentMatcher(parts.embedder()), parts.classifier());
        PublicationRepository publications = new PublicationRepository();
        GatedCatalog catalog = new GatedCatalog(parts.catalog(), engines, config.scenariosDir(), database, publications);
        this.llm = LlmSpeaker.create(vertx, config.llm(), parts.embedder());
        llm.unavailable().ifPresent(why -> LOG.info("LLM personas: {}", why));
        this.practice = Practice.create(new Practice.Parts(db, json, catalog, engines, parts.scorer(), compute,
                parts.clock(), random, metrics, llm));
        LiveChannel live = new LiveChannel(vertx, practice);
        AssignmentRepository assignmentRepo = new AssignmentRepository();
        this.assignments = new Assignments(db, assignmentRepo, catalog, parts.clock(), config.mail().dueSoon());
        this.mailer = config.mail().enabled() ? Optional.of(SmtpMailer.create(vertx, config.mail())) : Optional.empty();
        this.reminders = mailer.map(m -> new Reminders(assignments, db, assignmentRepo, m, parts.clock(),
                config.mail().baseUrl()));
        this.remindTimer = reminders.map(r -> r.schedule(vertx, config.mail().checkEvery()));
        Api api = Api.create(new Api.Parts(json, metrics, db, auth, users, practice, catalog, membership,
                config.cookieSecure(), config.sessionTtl(), live::relay, assignments));
        Optional<OidcProvider> oidc = config.sso().enabled()
                ? Optional.of(new OidcProvider(vertx, config.sso(), parts.clock())) : Optional.empty();
        SsoAccounts ssoAccounts = new SsoAccounts(db, userRepo, new SsoRepository(), auth, hasher, tokens,
                parts.clock());
        Pages pages = Pages.create(vertx, new Pages.Parts(json, auth, users, practice, catalog, engines, compute,
                config.scenariosDir(), api.auth(), config.sessionTtl(), config.dev(), oidc, ssoAccounts,
                config.passwordLogin(), assignments, catalog, new Authoring(catalog, engines, config.scenariosDir(),
                database, publications, compute, parts.clock())));
        this.routes = new Routes(api, pages, live, metrics, config.trustForwardedHeaders());
        Practice sessionsToExpire = practice;
        java.time.Clock clock = parts.clock();
        this.purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, id -> {
            auth.purgeExpired().onFailure(e -> LOG.warn("Purging expired logins failed: {}", e.getMessage()));
            sessionsToExpire.sessions().expireAbandoned(clock.instant(), config.practiceExpireAfter())
                    .onSuccess(n -> {
                        if (n > 0) {
                            LOG.info("Ended {} practice sessions left unfinished for {}", n, config.practiceExpireAfter());
                        }
                    })
                    .onFailure(e -> LOG.warn("Ending abandoned practice sessions failed: {}", e.getMessage()));
        });
        this.reloadTimer = vertx.setPeriodic(RELOAD_EVERY_MS, id -> compute.executeBlocking(() -> {
            catalog.reload();
            return null;
        }, false).onComplete(ar -> buildEngines(engines, catalog))
                .onFailure(e -> LOG.warn("Reloading the scenario library failed", e)));
        buildEngines(engines, catalog);
    }

    /**
     * Builds each library scenario's engine ahead of its first turn. Building one trains the scenario's move
     * classifier (about a second of CPU); done lazily, the first turn of every scenario waited for it and held a
     * thread of the small engine pool, so every other turn queued behind it. This runs on Vert.x's general
     * worker pool instead, and is a cache hit for scenarios already built.
     */
    private void buildEngines(Engines engines, ScenarioCatalog catalog) {
        vertx.executeBlocking(() -> {
            catalog.current().forEach(v -> engines.forScenario(v.scenario()));
            return null;
        }, false).onFailure(e -> LOG.warn("Building the scenario engines ahead of use failed", e));
    }

    /** Composes the services and starts listening on {@code config.port()} (0 picks a free port). */
    public static Future<Application> start(Vertx vertx, Database database, ServerConfig config, Parts parts) {
        return start(vertx, database, config, parts, Membership.single());
    }

    /** As a node of a cluster: {@code /health} reports the membership. */
    public static Future<Application> start(Vertx vertx, Database database, ServerConfig config, Parts parts,
                                            Membership membership) {
        return start(vertx, database, config, parts, membership, new Metrics());
    }

    /** With the node's {@code metrics}, which its Vert.x reports to as well ({@link Metrics#instrument}). */
    public static Future<Application> start(Vertx vertx, Database database, ServerConfig config, Parts parts,
                                            Membership membership, Metrics metrics) {
        Application app = new Application(vertx, database, config, parts, membership, metrics);
        // Instances listening on the same port share one socket, Vert.x handing connections out round robin. Port 0
        // would give each its own random port; a negative port is Vert.x's way to share one random port among the
        // servers that use that same negative number, so each application picks its own (tests run several
        // applications in one Vert.x).
        int listenOn = config.port() == 0 ? -1 - ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE - 1)
                : config.port();
        List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(app.routes::router, config.host(), listenOn);
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(config.httpInstancesToRun())).map(id -> {
            app.httpDeployment = id;
            app.port = instances.get(0).actualPort();
            return app;
        });
    }

    public int port() {
        return port;
    }

    public UserService users() {
        return users;
    }

    public AuthService auth() {
        return auth;
    }

    public Practice practice() {
        return practice;
    }

    public Assignments assignments() {
        return assignments;
    }

    /** The email reminders, when {@code mail.enabled}. */
    public Optional<Reminders> reminders() {
        return reminders;
    }

    /**
     * Stops in order: no new requests (the HTTP server is undeployed first, so nothing reaches a closed pool),
     * then the timers, the model client and the worker pools. The database itself belongs to the caller.
     */
    public Future<Void> close() {
        vertx.cancelTimer(purgeTimer);
        vertx.cancelTimer(reloadTimer);
        remindTimer.ifPresent(vertx::cancelTimer);
        Future<Void> stopHttp = httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment);
        return stopHttp.otherwiseEmpty().compose(v -> {
            llm.close();
            mailer.ifPresent(Mailer::close);
            return Future.join(db.close(), compute.close()).mapEmpty();
        });
    }

}
