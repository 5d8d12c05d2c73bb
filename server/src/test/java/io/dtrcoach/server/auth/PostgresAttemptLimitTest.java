package io.dtrcoach.server.auth;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;
import java.util.List;

/** On PostgreSQL, two pools over one schema as two server nodes have (DTR_TEST_PG_URL; required when CI=true). */
class PostgresAttemptLimitTest extends AttemptLimitContract {
    @Override
    protected List<Database> openTwoNodes(Path dir) {
        String schema = TestDatabases.newPostgresSchema();
        return List.of(TestDatabases.postgres(schema), TestDatabases.postgres(schema));
    }
}
