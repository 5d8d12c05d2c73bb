package io.dtrcoach.server.persistence;

import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: many committed transactions share one sync to disk. A transaction that has committed calls
 * {@link #awaitDurable}; it returns once a sync that <em>started after</em> that commit has finished, so the commit
 * is on disk. One caller at a time runs the sync, on behalf of every commit counted before it began; the others
 * wait for it and, if their commit came later, one of them runs the next.
 *
 * <p>Syncing after each commit one at a time (H2's {@code CHECKPOINT SYNC} is serialised inside H2) made every
 * write wait for every earlier write's fsync: under load the database threads spent most of their time queued on
 * it. The guarantee is the same — nobody is told their commit is durable before an fsync covering it returned.
 */
final class GroupSync {
    /** The sync itself, run with no lock held. */
    @FunctionalInterface
    interface Sync {
        void run() throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Commits counted so far. */
    private long committed;
    /** Every commit numbered up to this one is covered by a sync that has finished. */
    private long synced;
    private boolean syncing;

    /** Call after the transaction committed; returns when it is on disk, or throws what the sync threw. */
    void awaitDurable(Sync sync) throws SQLException {
        lock.lock();
        try {
            await(++committed, sync);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a transaction that wrote nothing but may have read what others committed: returns at once when every
     * commit counted so far is on disk, or else once a sync covers them (joining the one running, if it does).
     */
    void awaitEarlierCommits(Sync sync) throws SQLException {
        lock.lock();
        try {
            await(committed, sync);
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: until commit number {@code mine} is covered, waits for the running sync or runs one. */
    private void await(long mine, Sync sync) throws SQLException {
        while (synced < mine) {
            if (syncing) {
                finished.awaitUninterruptibly();
                continue;
            }
            syncing = true;
            long covers = committed;
            boolean ok = false;
            lock.unlock();
            try {
                sync.run();
                ok = true;
            } finally {
                lock.lock();
                syncing = false;
                if (ok) {
                    synced = Math.max(synced, covers);
                }
                finished.signalAll();
            }
        }
    }
}
