package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

import java.time.Duration;

/** Too many failed logins for this account or address (a 429, with the wait before the next try). */
public final class TooManyAttempts extends DomainFailure.Throttled {
    public TooManyAttempts(Duration retryAfter) {
        super("too many failed logins; try again later", retryAfter);
    }
}
