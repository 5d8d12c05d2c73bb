package io.dtrcoach.server.llm;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling a model that keeps failing, so that when the provider is down each rep gets the fallback at
 * once instead of waiting out every timeout. Closed: calls go through; {@code failureThreshold} failures in a
 * row open it. Open: calls are refused until {@code openFor} has passed. Half-open: one trial call goes
 * through; its success closes the circuit, its failure opens it again for another {@code openFor}.
 * Thread-safe; the clock is injected so tests need no sleeping.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go out now; a {@code true} in half-open state reserves the single trial call. */
    synchronized boolean tryAcquire() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            trialInFlight = false;
        }
    }

    /**
     * A call that was acquired but ended without telling anything about the provider (cancelled by the rep):
     * frees a half-open trial slot without judging.
     */
    synchronized void onAbandoned() {
        trialInFlight = false;
    }

    synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openForNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
