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

    /**
     * A read that does not wait for disk. On the embedded H2 file database a transaction that wrote nothing otherwise
     * waits until every commit it might have seen is synced (up to two syncs, 15–70 ms each on the build machine); a
     * turn read twice before it wrote, and those waits were most of its latency. Safe where a later transaction of
     * the same request decides the reply: that one waits for every commit begun before it, a superset of what this
     * read saw. Where this read alone decides the reply (a refused token, a session that has ended), a commit not
     * yet on disk can only have made the answer a refusal. Used for the login-token check, a turn's first read and
     * the read before a report is scored (a report it finds already stored was computed from an ended transcript,
     * the same one any node computes). A transaction run this way that does write still waits for its sync.
     */
    public <T> Future<T> lookup(SqlWork<T> work) {
        return workers.executeBlocking(() -> database.inTransaction(work, false), false);
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
