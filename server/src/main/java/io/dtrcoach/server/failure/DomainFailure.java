package io.dtrcoach.server.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the server refuses, and the HTTP status that says so. The kinds below are the only ones; each concrete
 * failure lives with its feature and extends one ({@code SessionNotFound} is a {@link NotFound}, {@code TurnConflict}
 * a {@link Conflict}). The HTTP failure handler maps them in one place, status and message as they are; anything that
 * is not a {@code DomainFailure} is a bug or an outage, answered 500 and logged there with its stack trace.
 */
public abstract sealed class DomainFailure extends RuntimeException
        permits DomainFailure.Invalid, DomainFailure.NotSignedIn, DomainFailure.NotAllowed, DomainFailure.NotFound,
        DomainFailure.Conflict, DomainFailure.Unprocessable, DomainFailure.Throttled, DomainFailure.Unavailable {

    private final int status;

    private DomainFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public final int status() {
        return status;
    }

    /** What the client is told: the message, unless the kind keeps it for the log. */
    public String publicMessage() {
        return getMessage();
    }

    /** How long the client should wait before it tries again, when the refusal will pass. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The request breaks a rule (400); the message says which. */
    public abstract static non-sealed class Invalid extends DomainFailure {
        protected Invalid(String message) {
            this(message, null);
        }

        protected Invalid(String message, Throwable cause) {
            super(400, message, cause);
        }
    }

    /** Nobody is logged in, or the login is not valid (401). */
    public abstract static non-sealed class NotSignedIn extends DomainFailure {
        protected NotSignedIn(String message) {
            super(401, message, null);
        }
    }

    /** The caller is known and may not do this (403). */
    public abstract static non-sealed class NotAllowed extends DomainFailure {
        protected NotAllowed(String message) {
            super(403, message, null);
        }
    }

    /** No such thing, or none the caller may know of (404). */
    public abstract static non-sealed class NotFound extends DomainFailure {
        protected NotFound(String message) {
            super(404, message, null);
        }
    }

    /** The thing is not in a state that allows this, or another request changed it first (409). */
    public abstract static non-sealed class Conflict extends DomainFailure {
        protected Conflict(String message) {
            super(409, message, null);
        }
    }

    /** Well-formed, but it contradicts what was sent before (422). */
    public abstract static non-sealed class Unprocessable extends DomainFailure {
        protected Unprocessable(String message) {
            super(422, message, null);
        }
    }

    /** Too many attempts; try again after {@link #retryAfter()} (429). */
    public abstract static non-sealed class Throttled extends DomainFailure {
        private final Duration retryAfter;

        protected Throttled(String message, Duration retryAfter) {
            super(429, message, null);
            this.retryAfter = retryAfter;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(retryAfter);
        }
    }

    /** Something the server needs is down for now (503); the client is told only to try again shortly. */
    public abstract static non-sealed class Unavailable extends DomainFailure {
        protected Unavailable(String message, Throwable cause) {
            super(503, message, cause);
        }

        @Override
        public String publicMessage() {
            return "the service is temporarily unavailable; try again shortly";
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(5));
        }
    }
}
