package io.dtrcoach.server.persistence;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupSyncTest {

    /**
     * A fake store: "commits" bump a counter; a sync snapshots the counter when it starts (what it will make
     * durable) and publishes that snapshot when it ends.
     */
    private static final class Store {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong durable = new AtomicLong();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        void sync() {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            long covers = committed.get();
            syncs.incrementAndGet();
            try {
                Thread.sleep(2); // an fsync takes a while: later commits queue up behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            durable.accumulateAndGet(covers, Math::max);
            running.decrementAndGet();
        }
    }

    @Test
    void should_return_only_after_a_sync_that_covers_the_commit_and_share_syncs_between_concurrent_commits()
            throws Exception {
        GroupSync group = new GroupSync();
        Store store = new Store();
        int threads = 8;
        int perThread = 50;
        AtomicInteger notDurable = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    long number = group.begin();
                    long mine = store.committed.incrementAndGet();
                    group.finished(number);
                    group.awaitDurable(number, store::sync);
                    if (store.durable.get() < mine) {
                        notDurable.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(notDurable).as("commits told they were durable before a sync covered them").hasValue(0);
        assertThat(store.overlaps).as("syncs run one at a time").hasValue(0);
        assertThat(store.syncs.get()).as("syncs for %d commits", threads * perThread).isLessThan(threads * perThread);
    }

    @Test
    void should_sync_once_per_commit_when_alone() throws Exception {
        GroupSync group = new GroupSync();
        Store store = new Store();
        for (int i = 0; i < 3; i++) {
            long number = group.begin();
            store.committed.incrementAndGet();
            group.finished(number);
            group.awaitDurable(number, store::sync);
        }
        assertThat(store.syncs).hasValue(3);
        assertThat(store.durable).hasValue(3);
    }

    @Test
    void should_give_a_failed_sync_to_its_caller_and_let_the_next_commit_sync_again() throws Exception {
        GroupSync group = new GroupSync();
        long first = committed(group);
        assertThatThrownBy(() -> group.awaitDurable(first, () -> {
            throw new SQLException("disk full");
        })).isInstanceOf(SQLException.class).hasMessage("disk full");

        AtomicInteger syncs = new AtomicInteger();
        group.awaitDurable(committed(group), syncs::incrementAndGet);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void should_not_sync_for_a_reader_when_every_commit_is_on_disk_and_sync_when_one_is_not() throws Exception {
        GroupSync group = new GroupSync();
        AtomicInteger syncs = new AtomicInteger();
        group.awaitBegunCommits(syncs::incrementAndGet);
        assertThat(syncs).as("nothing committed yet").hasValue(0);

        group.awaitDurable(committed(group), syncs::incrementAndGet);
        group.awaitBegunCommits(syncs::incrementAndGet);
        assertThat(syncs).as("the commit was synced by its own transaction").hasValue(1);

        // A commit whose sync failed is not on disk: the next reader, who may have seen it, syncs.
        long failed = committed(group);
        assertThatThrownBy(() -> group.awaitDurable(failed, () -> {
            throw new SQLException("disk full");
        })).isInstanceOf(SQLException.class);
        group.awaitBegunCommits(syncs::incrementAndGet);
        assertThat(syncs).hasValue(2);
    }

    /** A commit whose commit call returned: numbered and finished. */
    private static long committed(GroupSync group) {
        long number = group.begin();
        group.finished(number);
        return number;
    }

    @Test
    void should_not_let_a_reader_return_while_a_commit_it_may_have_seen_is_not_yet_counted_or_synced()
            throws Exception {
        // The gap: a writer's commit is visible (its commit call is returning) but not finished. A reader ending
        // now may have read it; it must wait for that commit to finish and for a sync that starts after that.
        GroupSync group = new GroupSync();
        long writer = group.begin();
        java.util.concurrent.atomic.AtomicBoolean writerFinished = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger syncsBeforeFinish = new AtomicInteger();
        AtomicInteger syncs = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> reader = pool.submit(() -> {
                group.awaitBegunCommits(() -> {
                    syncs.incrementAndGet();
                    if (!writerFinished.get()) {
                        syncsBeforeFinish.incrementAndGet();
                    }
                });
                return null;
            });
            // correct code blocks the reader until the writer finishes, so this wait cannot fail spuriously
            assertThatThrownBy(() -> reader.get(300, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            writerFinished.set(true);
            group.finished(writer);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(syncsBeforeFinish).as("syncs that could not cover the writer's commit").hasValue(0);
        assertThat(syncs).hasValue(1);
        // and the writer itself is durable now without another sync
        group.awaitDurable(writer, syncs::incrementAndGet);
        assertThat(syncs).hasValue(1);
    }
}
