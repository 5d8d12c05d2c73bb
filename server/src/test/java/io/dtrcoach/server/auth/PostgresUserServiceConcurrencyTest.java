package io.dtrcoach.server.auth;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

/** The same on PostgreSQL (DTR_TEST_PG_URL; required when CI=true). */
class PostgresUserServiceConcurrencyTest extends UserServiceConcurrencyContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.postgres();
    }
}
