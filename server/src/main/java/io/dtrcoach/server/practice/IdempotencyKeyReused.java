package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** An Idempotency-Key sent again on a session with a different turn text (a 422). */
public final class IdempotencyKeyReused extends DomainFailure.Unprocessable {
    public IdempotencyKeyReused(String sessionId) {
        super("this Idempotency-Key was already used on session " + sessionId + " for a different text; "
                + "send a new key for a new turn");
    }
}
