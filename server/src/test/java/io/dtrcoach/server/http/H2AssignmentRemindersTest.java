package io.dtrcoach.server.http;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.persistence.Database;

import java.nio.file.Path;

class H2AssignmentRemindersTest extends AssignmentRemindersContract {
    @Override
    protected Database open(Path dir) {
        return TestDatabases.h2(dir);
    }
}
