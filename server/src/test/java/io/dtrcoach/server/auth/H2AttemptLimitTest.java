package io.dtrcoach.server.auth;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;
import java.util.List;

/** On the embedded H2 database (one file, so the two nodes share its pool: a cluster needs PostgreSQL). */
class H2AttemptLimitTest extends AttemptLimitContract {
    @Override
    protected List<Database> openTwoNodes(Path dir) {
        Database shared = TestDatabases.h2(dir);
        return List.of(shared, shared);
    }
}
