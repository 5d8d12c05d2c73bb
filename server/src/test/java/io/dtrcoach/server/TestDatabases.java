package io.dtrcoach.server;

import io.dtrcoach.server.persistence.Database;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Real databases for tests: H2 in a temporary directory, and PostgreSQL from {@code DTR_TEST_PG_URL}
 * ({@code DTR_TEST_PG_USER}, {@code DTR_TEST_PG_PASSWORD}), each test getting a fresh schema. Without the URL
 * the PostgreSQL tests are skipped, except under {@code CI=true}, where they fail: CI must run them.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Database h2(Path dir) {
        return Database.open(io.dtrcoach.server.config.ServerConfig.h2Url(dir),
                Optional.empty(), Optional.empty(), 4, Optional.of(dir), Optional.empty());
    }

    public static Database postgres() {
        return postgres(newPostgresSchema());
    }

    /** A fresh schema name, for opening several pools over one schema as several server nodes do. */
    public static String newPostgresSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A pool over this schema of the test PostgreSQL (created and migrated by the first pool opened on it). */
    public static Database postgres(String schema) {
        String url = System.getenv("DTR_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but DTR_TEST_PG_URL is not set: the PostgreSQL tests must run in CI");
            }
            Assumptions.abort("DTR_TEST_PG_URL is not set; skipping the PostgreSQL variant");
        }
        return Database.open(url, Optional.ofNullable(System.getenv("DTR_TEST_PG_USER")),
                Optional.ofNullable(System.getenv("DTR_TEST_PG_PASSWORD")), 4, Optional.empty(), Optional.of(schema));
    }
}
