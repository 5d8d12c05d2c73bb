package io.dtrcoach.server.http;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

/** The same on PostgreSQL (DTR_TEST_PG_URL; required when CI=true): the V10 migration and the queries. */
class PostgresAssignmentRemindersTest extends AssignmentRemindersContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.postgres();
    }
}
