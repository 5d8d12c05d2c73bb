package io.dtrcoach.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code serve} needs, resolved from defaults &lt; config file &lt; {@code DTR_*} environment &lt; flags
 * (see {@link ConfigLoader} and server/CONFIG.md).
 *
 * @param dbUrl          a JDBC URL; empty means the embedded H2 file database under {@code dataDir}
 * @param scenariosDir   a directory of scenario files served next to the shipped library, if any
 * @param adminPassword  the first admin's password; empty means a one-time password is generated and printed
 * @param cookieSecure   mark the session cookie {@code Secure} (on behind HTTPS)
 * @param sessionTtl     how long a login token or browser session stays valid
 * @param loginWindow    the window over which failed logins are counted
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
        Duration sessionTtl,
        int loginMaxFailuresPerAccount,
        int loginMaxFailuresPerAddress,
        Duration loginWindow,
        int passwordIterations,
        int workerPoolSize) {

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
        if (passwordIterations < 10_000) {
            throw new ConfigInvalid("password.iterations must be at least 10000");
        }
        if (workerPoolSize < 1) {
            throw new ConfigInvalid("worker.pool-size must be at least 1");
        }
        dbUrl = dbUrl.filter(s -> !s.isBlank());
        dbUser = dbUser.filter(s -> !s.isBlank());
        dbPassword = dbPassword.filter(s -> !s.isEmpty());
        adminPassword = adminPassword.filter(s -> !s.isEmpty());
    }

    /** The JDBC URL actually used: the configured one, or H2 under the data directory. */
    public String jdbcUrl() {
        // WRITE_DELAY=0: H2 writes each commit through to the file before the commit returns, so a turn that
        // was answered survives kill -9 (H2 has no redo log; the default delay would lose the last 500 ms).
        return dbUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("dtr")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    public boolean embedded() {
        return dbUrl.isEmpty();
    }
}
