package io.dtrcoach.server.practice;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

class H2PracticePersistenceTest extends PracticePersistenceContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.h2(dir);
    }
}
