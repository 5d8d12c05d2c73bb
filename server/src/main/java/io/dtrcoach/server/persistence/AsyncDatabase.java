package io.dtrcoach.server.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/** {@link Database} for the event loop: every transaction runs on a named worker pool and completes a future. */
public final class AsyncDatabase {
    private final Database database;
    private final WorkerExecutor workers;

    public AsyncDatabase(Vertx vertx, Database database, int poolSize) {
        this.database = database;
        this.workers = vertx.createSharedWorkerExecutor("dtr-jdbc", poolSize);
    }

    public <T> Future<T> tx(SqlWork<T> work) {
        return workers.executeBlocking(() -> database.inTransaction(work), false);
    }

    /** Other blocking work (password hashing) on the same pool, outside any transaction. */
    public <T> Future<T> work(java.util.concurrent.Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    public Database blocking() {
        return database;
    }

    public Future<Void> close() {
        return workers.close();
    }
}
