package io.dtrcoach.server.cli;

import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.cluster.ClusterNode;
import io.dtrcoach.server.config.ConfigInvalid;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.StartupFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code dtr serve}: the HTTP server with its database, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
public final class ServeCommand implements Callable<Integer> {
    /** The longest each step of a graceful stop may take before the next one goes ahead. */
    private static final Duration SHUTDOWN_STEP = Duration.ofSeconds(20);

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", description = "HTTP port (env DTR_PORT; default 8080)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (env DTR_HOST; default 0.0.0.0)")
    String host;

    @Option(names = "--scenarios", description = "a directory of scenario files to serve besides the shipped library (env DTR_SCENARIOS)")
    String scenarios;

    @Option(names = "--demo", description = "create a demo team with a rep and a manager (env DTR_DEMO)")
    Boolean demo;

    @Option(names = "--cluster-members", description = "join these nodes, host:port of their cluster port, comma-separated;"
            + " needs PostgreSQL (env DTR_CLUSTER_MEMBERS; default none: a single node)")
    String clusterMembers;

    @Option(names = "--cluster-port", description = "this node's cluster port (env DTR_CLUSTER_PORT; default 5701)")
    Integer clusterPort;

    @Option(names = "--cluster-host", description = "this node's address as the other nodes reach it (env DTR_CLUSTER_HOST)")
    String clusterHost;

    @Option(names = "--llm-provider", description = "language model for LLM personas: openai, ollama or none (env DTR_LLM_PROVIDER; default none)")
    String llmProvider;

    @Option(names = "--llm-base-url", description = "the model endpoint (env DTR_LLM_BASE_URL)")
    String llmBaseUrl;

    @Option(names = "--llm-model", description = "the model name, e.g. llama3.1:8b (env DTR_LLM_MODEL)")
    String llmModel;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            Map<String, String> flags = new LinkedHashMap<>();
            if (port != null) {
                flags.put("port", port.toString());
            }
            if (host != null) {
                flags.put("host", host);
            }
            if (scenarios != null) {
                flags.put("scenarios", scenarios);
            }
            if (demo != null) {
                flags.put("demo", demo.toString());
            }
            flags.put("cluster.members", clusterMembers);
            flags.put("cluster.port", clusterPort == null ? null : clusterPort.toString());
            flags.put("cluster.host", clusterHost);
            flags.put("llm.provider", llmProvider);
            flags.put("llm.base-url", llmBaseUrl);
            flags.put("llm.model", llmModel);
            config = database.load(flags);
        } catch (ConfigInvalid e) {
            System.err.println("dtr: configuration: " + e.getMessage());
            return 2;
        }

        Database db;
        try {
            db = DatabaseOptions.open(config);
        } catch (StartupFailure e) {
            System.err.println("dtr: " + e.getMessage());
            return 2;
        }
        Metrics metrics = new Metrics();
        ClusterNode node;
        try {
            node = ClusterNode.start(config.cluster(), metrics).await();
        } catch (Exception e) {
            System.err.println("dtr: cannot join the cluster " + config.cluster().members() + " on cluster port "
                    + config.cluster().port() + ": " + e.getMessage());
            db.close();
            return 2;
        }
        Vertx vertx = node.vertx();
        Application app;
        try {
            app = Application.start(vertx, db, config, ProductionParts.create(config), node, metrics).await();
        } catch (StartupFailure e) {
            System.err.println("dtr: " + e.getMessage());
            vertx.close().await();
            db.close();
            return 2;
        } catch (Exception e) {
            // await() rethrows the failure as it is, checked ones included
            if (e instanceof BindException || e.getCause() instanceof BindException
                    || String.valueOf(e.getMessage()).contains("Address already in use")) {
                System.err.println("dtr: port " + config.port() + " is already in use; choose another with --port");
            } else {
                System.err.println("dtr: the server could not start: " + e.getMessage());
            }
            vertx.close().await();
            db.close();
            return 2;
        }

        UserService users = app.users();
        users.bootstrapAdmin(config.adminPassword()).ifPresent(pw -> {
            System.out.println("Created the admin account 'admin'. Its password (shown only now; change it after "
                    + "logging in, under Your account): " + pw);
        });
        if (config.demo()) {
            users.createDemo().forEach((name, pw) ->
                    System.out.println("Created demo user '" + name + "' with password: " + pw));
        }
        System.out.println("DTR Coach listening on http://" + displayHost(config.host()) + ":" + app.port()
                + " (database: " + db.description() + ")"
                + (node.clustered() ? " as node " + node.nodeId() + " of a cluster of " + node.nodes().size() : ""));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Each close is awaited from this thread, not chained: vertx.close() called from a Vert.x callback
            // completes on an event loop that it has itself shut down, and the wait for it never ended (SIGTERM
            // left the server hanging, its database never closed).
            awaitQuietly("stopping the server", app.close());
            awaitQuietly("closing Vert.x", vertx.close());
            db.close();
            stopped.countDown();
        }, "dtr-shutdown"));
        stopped.await();
        return 0;
    }

    private static void awaitQuietly(String what, Future<Void> step) {
        try {
            step.toCompletionStage().toCompletableFuture().get(SHUTDOWN_STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.err.println("dtr: " + what + " took longer than " + SHUTDOWN_STEP.toSeconds() + " s; going on");
        } catch (ExecutionException e) {
            System.err.println("dtr: " + what + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
