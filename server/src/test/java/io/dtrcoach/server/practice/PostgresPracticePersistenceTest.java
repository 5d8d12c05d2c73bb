package io.dtrcoach.server.practice;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

/** The same suite on PostgreSQL (DTR_TEST_PG_URL; required when CI=true). */
class PostgresPracticePersistenceTest extends PracticePersistenceContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.postgres();
    }
}
