package io.dtrcoach.server.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** A bounded stretch of play whose requests are counted together. */
final class Phase {
    final String name;
    final int thinkMs;
    final long deadline;
    final int maxConversations;
    final Latencies turns = new Latencies();
    /** With {@code --live}: from sending a turn to its reply event arriving on the conversation's live channel. */
    final Latencies liveReplies = new Latencies();
    final LongAdder conversationsEnded = new LongAdder();
    final long startedNanos = System.nanoTime();
    final int errorsAtStart;
    private final Requests requests;
    private final int maxErrors;
    long finishedNanos;

    /** Starts now; ends at {@code length}, or early after {@code maxErrors} errors counted by {@code requests}. */
    Phase(String name, int thinkMs, Duration length, int maxConversations, Requests requests, int maxErrors) {
        this.name = name;
        this.thinkMs = thinkMs;
        this.deadline = startedNanos + length.toNanos();
        this.maxConversations = maxConversations;
        this.requests = requests;
        this.maxErrors = maxErrors;
        this.errorsAtStart = requests.errorCount();
    }

    boolean over(Rep rep) {
        return System.nanoTime() >= deadline
                || (maxConversations > 0 && rep.conversations >= maxConversations)
                || requests.errorCount() - errorsAtStart >= maxErrors;
    }

    void finish() {
        finishedNanos = System.nanoTime();
    }

    double seconds() {
        return (finishedNanos - startedNanos) / 1e9;
    }

    /** Errors counted since the phase started. */
    int errors() {
        return requests.errorCount() - errorsAtStart;
    }
}
