package io.dtrcoach.server.llm;

import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one timer of a reply's current attempt: the wait for its first token, then the watch for a stalled stream, or
 * the backoff before a retry. Used on the reply's context only; a callback of a timer that has since been replaced or
 * cancelled does nothing.
 */
final class AttemptTimer {
    private final Vertx vertx;
    /** How long a stream may go quiet: as long as a first token may take. */
    private final long stallMillis;
    private long timer = -1;
    private long generation;
    /** When the last token came ({@link System#nanoTime()}). */
    private long lastTokenAt;

    AttemptTimer(Vertx vertx, long stallMillis) {
        this.vertx = vertx;
        this.stallMillis = stallMillis;
    }

    /** Fails the attempt through {@code onTimeout} if no token comes within {@code millis}. */
    void awaitFirstToken(long millis, Consumer<Throwable> onTimeout) {
        // Not clamped to the reply's deadline: the total timer owns that, and reports it as such.
        long wait = Math.max(1, millis);
        set(wait, () -> onTimeout.accept(new NoTokenTimeout(wait, true)));
    }

    /**
     * A token came. The first one replaces the first-token timer with the stall watch: one timer per stall period
     * rather than one per token (the token path stays free of timer churn), re-armed for what is left since the last
     * token.
     */
    void tokenArrived(boolean first, Consumer<Throwable> onStall) {
        lastTokenAt = System.nanoTime();
        if (first) {
            watchStall(stallMillis, onStall);
        }
    }

    /** Runs {@code action} after {@code millis} (at least 1). */
    void after(long millis, Runnable action) {
        set(Math.max(1, millis), action);
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        generation++;
    }

    private void watchStall(long millis, Consumer<Throwable> onStall) {
        set(Math.max(1, millis), () -> {
            long quiet = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastTokenAt);
            if (quiet >= stallMillis) {
                onStall.accept(new NoTokenTimeout(stallMillis, false));
            } else {
                watchStall(stallMillis - quiet, onStall);
            }
        });
    }

    private void set(long millis, Runnable action) {
        cancel();
        long mine = generation;
        timer = vertx.setTimer(millis, t -> {
            if (mine == generation) {
                timer = -1;
                action.run();
            }
        });
    }

    /** No first token in time (the whole reply, for a blocking call), or a stream that stalled. */
    static final class NoTokenTimeout extends RuntimeException {
        NoTokenTimeout(long millis, boolean first) {
            super((first ? "no first token within " : "stream stalled for ") + millis + "ms");
        }
    }
}
