package io.dtrcoach.server.auth;

import java.time.Duration;

/** Too many failed logins for this account or address (a 429). */
public final class TooManyAttempts extends RuntimeException {
    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter) {
        super("too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
