package io.dtrcoach.server.config;

import io.dtrcoach.server.llm.LlmConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code serve} needs, resolved from defaults &lt; config file &lt; {@code DTR_*} environment &lt; flags
 * (see {@link ConfigLoader} and the README's configuration table).
 *
 * @param dbUrl          a JDBC URL; empty means the embedded H2 file database under {@code dataDir}
 * @param scenariosDir   a directory of scenario files served next to the shipped library, if any
 * @param adminPassword  the first admin's password; empty means a password is generated and printed once
 * @param cookieSecure   mark the session cookie {@code Secure} (on behind HTTPS)
 * @param trustForwardedHeaders take the client address from {@code X-Forwarded-For} (only behind a proxy that
 *                       sets it): login rate limits per address then see the rep, not the load balancer
 * @param sessionTtl     how long a login token or browser session stays valid
 * @param loginWindow    the window over which failed logins are counted
 * @param dev            development mode: templates are read again on every render (never in production)
 * @param cluster        the other nodes to join; none means a single node
 * @param llm            the language model for LLM personas ({@code llm.*} keys, {@code DTR_LLM_*} variables);
 *                       provider {@code none} leaves only scripted personas
 * @param passwordLogin  local passwords may be used to log in ({@code login.passwords}); off needs single sign-on
 * @param sso            single sign-on through an OpenID Connect provider, if configured
 * @param mail           email reminders ({@code mail.*} keys), off by default
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        int dbPoolSize,
        Optional<Path> scenariosDir,
        Optional<String> adminPassword,
        boolean demo,
        boolean cookieSecure,
        boolean trustForwardedHeaders,
        Duration sessionTtl,
        Duration practiceExpireAfter,
        int loginMaxFailuresPerAccount,
        int loginMaxFailuresPerAddress,
        Duration loginWindow,
        int passwordIterations,
        int workerPoolSize,
        int httpInstances,
        boolean dev,
        ClusterConfig cluster,
        LlmConfig llm,
        boolean passwordLogin,
        SsoConfig sso,
        MailSettings mail) {

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigInvalid("port must be between 0 and 65535, not " + port);
        }
        if (dbPoolSize < 1) {
            throw new ConfigInvalid("db.pool-size must be at least 1");
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new ConfigInvalid("session.ttl must be positive");
        }
        if (practiceExpireAfter.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new ConfigInvalid("practice.expire-after must be at least 5 minutes");
        }
        if (passwordIterations < 10_000) {
            throw new ConfigInvalid("password.iterations must be at least 10000");
        }
        if (workerPoolSize < 1) {
            throw new ConfigInvalid("worker.pool-size must be at least 1");
        }
        if (httpInstances < 0) {
            throw new ConfigInvalid("http.instances must be 0 (one per core) or more");
        }
        dbUrl = dbUrl.filter(s -> !s.isBlank());
        dbUser = dbUser.filter(s -> !s.isBlank());
        dbPassword = dbPassword.filter(s -> !s.isEmpty());
        adminPassword = adminPassword.filter(s -> !s.isEmpty());
        if (!passwordLogin && !sso.enabled()) {
            throw new ConfigInvalid("login.passwords is false but single sign-on is not configured (sso.issuer):"
                    + " nobody could log in");
        }
        if (cluster.enabled() && (dbUrl.isEmpty() || dbUrl.get().startsWith("jdbc:h2:"))) {
            throw new ConfigInvalid("clustered mode (cluster.members) needs one PostgreSQL database shared by every"
                    + " node: set db.url (DTR_DB_URL) to jdbc:postgresql://…; the embedded H2 database is a file that"
                    + " only one server can open");
        }
    }

    /** How many HTTP server verticles share the port: {@code http.instances}, or one per core when it is 0. */
    public int httpInstancesToRun() {
        return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
    }

    /** The JDBC URL actually used: the configured one, or H2 under the data directory. */
    public String jdbcUrl() {
        return dbUrl.orElseGet(() -> h2Url(dataDir));
    }

    /**
     * H2 has no redo log, so two settings make an answered turn survive kill -9: WRITE_DELAY=0 writes each commit
     * to the file before it returns (the default delay loses the last 500 ms), and REUSE_SPACE=FALSE appends
     * instead of overwriting freed space, which H2's crash recovery does not find after a second crash (the
     * kill -9 test caught this). The file grows while the server runs and is compacted when it closes.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("dtr")
                + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE";
    }

    public boolean embedded() {
        return dbUrl.isEmpty();
    }
}
