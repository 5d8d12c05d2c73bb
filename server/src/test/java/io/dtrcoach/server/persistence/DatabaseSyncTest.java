package io.dtrcoach.server.persistence;

import io.dtrcoach.server.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded H2 file database syncs a transaction to disk exactly when it changed something. */
class DatabaseSyncTest {
    @TempDir
    Path dir;

    @Test
    void aTransactionThatWroteIsSyncedAndOneThatOnlyReadOrChangedNothingIsNot() {
        try (Database db = TestDatabases.h2(dir)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE probe (x INT)");
                }
                return null;
            });
            long before = db.syncedWrites();

            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO probe VALUES (1)");
                }
            });
            assertThat(db.syncedWrites()).as("an insert").isEqualTo(before + 1);

            int count = db.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM probe")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(count).isEqualTo(1);
            int updated = db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE probe SET x = 2 WHERE x = 99");
                }
            });
            assertThat(updated).isZero();
            assertThat(db.syncedWrites()).as("a read and an update of no row").isEqualTo(before + 1);

            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE probe SET x = 2 WHERE x = 1");
                }
            });
            assertThat(db.syncedWrites()).as("an update of a row").isEqualTo(before + 2);

            // A lookup (no wait for what it read) that writes after all is still synced.
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO probe VALUES (3)");
                }
            }, false);
            assertThat(db.syncedWrites()).as("a write made through a lookup").isEqualTo(before + 3);
        }
    }
}
