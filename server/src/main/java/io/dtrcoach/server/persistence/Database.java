package io.dtrcoach.server.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The connection pool and the schema. Blocking: call it from a worker (see {@link AsyncDatabase}) or from the CLI,
 * never from an event loop.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final String description;
    /** Embedded H2: each commit is synced to the file before it returns (see {@link #inTransaction}). */
    private final Optional<GroupSync> syncCommits;

    /** The connection {@code CHECKPOINT SYNC} runs on, when commits are synced. */
    private final Optional<Connection> syncConnection;

    private Database(HikariDataSource dataSource, String description, Optional<Connection> syncConnection) {
        this.dataSource = dataSource;
        this.description = description;
        this.syncConnection = syncConnection;
        this.syncCommits = syncConnection.map(c -> new GroupSync());
    }

    /**
     * Opens the pool and brings the schema up to date.
     *
     * @param dataDir the data directory that must be writable when the database is the embedded H2 file
     * @param schema  a schema to use instead of the default (tests use one per run on a shared PostgreSQL)
     * @throws StartupFailure with a message fit for an operator when the directory or database cannot be used
     */
    public static Database open(String url, Optional<String> user, Optional<String> password, int poolSize,
                                Optional<Path> dataDir, Optional<String> schema) {
        dataDir.ifPresent(Database::checkWritable);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        config.setAutoCommit(false);
        config.setPoolName("dtr-db");
        schema.ifPresent(s -> {
            if (url.startsWith("jdbc:postgresql:")) {
                // A start-up parameter of the connection. Hikari's setSchema runs SET search_path inside the
                // connection's first transaction (auto-commit is off), and a rollback of that transaction undid it.
                config.addDataSourceProperty("currentSchema", s);
            } else {
                config.setSchema(s);
            }
        });
        String description = redact(url);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw new StartupFailure("cannot open the database " + description + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new StartupFailure("cannot open the database " + description + ": " + rootMessage(e), e);
        }
        try {
            var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
            schema.ifPresent(s -> flyway.schemas(s).defaultSchema(s));
            var result = flyway.load().migrate();
            LOG.info("Database {} ready (schema version {}, {} migrations applied)", description,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException e) {
            ds.close();
            throw new StartupFailure("cannot prepare the database " + description + ": " + rootMessage(e), e);
        }
        Optional<Connection> syncConnection = Optional.empty();
        if (url.startsWith("jdbc:h2:file:")) {
            java.util.Properties props = new java.util.Properties();
            user.ifPresent(u -> props.setProperty("user", u));
            password.ifPresent(p -> props.setProperty("password", p));
            try {
                syncConnection = Optional.of(java.sql.DriverManager.getConnection(url, props));
            } catch (SQLException e) {
                ds.close();
                throw new StartupFailure("cannot open the database " + description + ": " + rootMessage(e), e);
            }
        }
        return new Database(ds, description, syncConnection);
    }

    private static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new StartupFailure("the data directory " + dir.toAbsolutePath() + " cannot be created: permission denied");
        } catch (IOException e) {
            throw new StartupFailure("the data directory " + dir.toAbsolutePath() + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(dir)) {
            throw new StartupFailure("the data path " + dir.toAbsolutePath() + " is not a directory");
        }
        // isWritable trusts permission bits; a probe file also catches read-only mounts and full disks.
        Path probe = dir.resolve(".write-test");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupFailure("the data directory " + dir.toAbsolutePath()
                    + " is not writable (" + describe(e) + "); give the server a writable --data directory");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // H2 appends its version and a long SQL state block; the first line is the useful part.
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl).strip() : m.strip();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    public String description() {
        return description;
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        return inTransaction(work, true);
    }

    /**
     * @param durableReads whether a transaction that wrote nothing waits until everything it may have read is on disk
     *                     (false: see {@link AsyncDatabase#lookup}); one that wrote always waits for its own sync
     */
    <T> T inTransaction(SqlWork<T> work, boolean durableReads) {
        try {
            T result;
            long commit = 0;
            try (Connection c = dataSource.getConnection()) {
                try {
                    result = work.run(c);
                    if (syncCommits.isPresent() && wroteSomething(c)) {
                        commit = syncCommits.get().begin();
                    }
                    try {
                        c.commit();
                    } finally {
                        if (commit > 0) {
                            syncCommits.get().finished(commit);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                }
            }
            // The connection is back in the pool before waiting for the sync: waiting with it held capped a batch
            // at the pool's size and starved the other transactions of connections.
            if (syncCommits.isPresent()) {
                // H2 has no write-ahead log: force the commit's chunk to the file and the disk before the caller
                // replies (see ServerConfig.h2Url for the settings that keep it findable after a crash). Concurrent
                // commits share one CHECKPOINT SYNC, which writes and syncs everything committed. A transaction that
                // wrote nothing waits for the commits begun before it ended, since it may have read them.
                if (commit > 0) {
                    syncCommits.get().awaitDurable(commit, this::checkpointSync);
                } else if (durableReads) {
                    syncCommits.get().awaitBegunCommits(this::checkpointSync);
                }
            }
            return result;
        } catch (SQLTransientConnectionException e) {
            throw new DatabaseUnavailable("the database is not available", e);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new DatabaseUnavailable("the database is not available", e);
            }
            if (UnstorableText.STATE.equals(e.getSQLState())) {
                throw new UnstorableText(e);
            }
            throw new DatabaseFailure("database error: " + e.getMessage(), e);
        }
    }

    /** Transactions that wrote something and were therefore synced to disk, so far; 0 without group commit. */
    long syncedWrites() {
        return syncCommits.map(GroupSync::begunSoFar).orElse(0L);
    }

    /**
     * H2: whether the transaction on this connection has changed anything (checked before its commit). Asked of the
     * session object itself: the SQL way (INFORMATION_SCHEMA.SESSIONS) lists every session under the database's
     * monitor, which CHECKPOINT SYNC holds while it writes and syncs, so every commit queued behind every sync (a load
     * run at 30 turns/s showed 47 s of waiting in 80 s and a turn p99 of 0.9 s). When the session is not an embedded
     * one, the answer is "yes": one sync too many is safe.
     */
    private static boolean wroteSomething(Connection c) throws SQLException {
        if (c.isWrapperFor(JdbcConnection.class)
                && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            return session.hasPendingTransaction();
        }
        return true;
    }

    /**
     * On a connection of its own, outside the pool (GroupSync runs one sync at a time): borrowed from the pool,
     * the sync waited for a free connection under load while every committed transaction waited for the sync, and
     * a pool timeout there reported an already committed turn as failed.
     */
    private void checkpointSync() throws SQLException {
        try (Statement s = syncConnection.orElseThrow().createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        syncConnection.ifPresent(c -> {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("Closing the database's sync connection failed: {}", e.getMessage());
            }
        });
    }
}
