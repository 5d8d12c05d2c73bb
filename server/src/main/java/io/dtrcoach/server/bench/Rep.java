package io.dtrcoach.server.bench;

import io.vertx.core.Promise;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** One simulated rep: one conversation at a time, its own token and think-time stream. */
final class Rep {
    final int index;
    final String username;
    final Random random;
    String token;
    String session;
    Scripts.Script script;
    int nextLine;
    boolean prospectEnded;
    int conversations;
    LiveStream liveStream;
    /** Turns whose reply the live channel has not brought yet: when each was sent, and its phase. */
    final Map<Integer, Sent> awaitingLive = new ConcurrentHashMap<>();
    volatile Promise<Void> liveDrained;

    Rep(int index, String username, Random random) {
        this.index = index;
        this.username = username;
        this.random = random;
    }

    /** A turn sent while the live channel is followed: its phase, and when ({@link System#nanoTime()}). */
    record Sent(Phase phase, long nanos) {
    }
}
