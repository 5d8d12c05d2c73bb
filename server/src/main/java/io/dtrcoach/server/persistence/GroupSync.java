package io.dtrcoach.server.persistence;

import java.sql.SQLException;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: many committed transactions share one sync to disk, and nobody is told a commit is durable, or
 * shown data another transaction committed, before an fsync that covers that commit has returned.
 *
 * <p>A writing transaction takes a number with {@link #begin} <em>before</em> its commit and reports
 * {@link #finished} once the commit call returned (its data then is in the file, not yet on the disk); it then
 * waits in {@link #awaitDurable}. A sync covers every commit numbered up to the lowest one still unfinished, so a
 * commit that is visible to readers but not yet counted can never be passed over. A transaction that wrote
 * nothing may have read any commit begun so far: {@link #awaitBegunCommits} returns when all of those are on disk
 * (at once when they already are). One caller at a time runs the sync for everyone waiting.
 *
 * <p>Syncing after each commit one at a time (H2's {@code CHECKPOINT SYNC} is serialised inside H2) made every
 * write wait for every earlier write's fsync: under load the database threads spent most of their time queued on it.
 */
final class GroupSync {
    /** The sync itself, run with no lock held. */
    @FunctionalInterface
    interface Sync {
        void run() throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Commits begun so far, numbered from 1. */
    private long begun;
    /** Commits begun whose commit call has not returned yet. */
    private final TreeSet<Long> unfinished = new TreeSet<>();
    /** Every commit numbered up to this one is covered by a sync that has finished. */
    private long synced;
    private boolean syncing;

    /** Call right before committing a transaction that wrote something; the number goes to the other calls. */
    long begin() {
        lock.lock();
        try {
            long number = ++begun;
            unfinished.add(number);
            return number;
        } finally {
            lock.unlock();
        }
    }

    /** How many commits have been numbered so far (for tests). */
    long begunSoFar() {
        lock.lock();
        try {
            return begun;
        } finally {
            lock.unlock();
        }
    }

    /** Call when the commit call returned or failed (always, so that syncs are not held back). */
    void finished(long number) {
        lock.lock();
        try {
            unfinished.remove(number);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns when commit {@code number} is on disk, or throws what the sync threw. */
    void awaitDurable(long number, Sync sync) throws SQLException {
        lock.lock();
        try {
            await(number, sync);
        } finally {
            lock.unlock();
        }
    }

    /** For a transaction that wrote nothing: returns when every commit begun so far (it may have read them) is on disk. */
    void awaitBegunCommits(Sync sync) throws SQLException {
        lock.lock();
        try {
            await(begun, sync);
        } finally {
            lock.unlock();
        }
    }

    /** Every commit numbered up to this one has returned from its commit call. */
    private long finishedUpTo() {
        return unfinished.isEmpty() ? begun : unfinished.first() - 1;
    }

    /** With the lock held: until commit {@code target} is covered, waits (for commits or the running sync) or syncs. */
    private void await(long target, Sync sync) throws SQLException {
        while (synced < target) {
            if (syncing || finishedUpTo() < target) {
                changed.awaitUninterruptibly();
                continue;
            }
            syncing = true;
            long covers = finishedUpTo();
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
                changed.signalAll();
            }
        }
    }
}
