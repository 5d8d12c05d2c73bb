package io.dtrcoach.server.auth;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

/** The concurrency of account creation on the embedded H2 database. */
class H2UserServiceConcurrencyTest extends UserServiceConcurrencyContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.h2(dir);
    }
}
