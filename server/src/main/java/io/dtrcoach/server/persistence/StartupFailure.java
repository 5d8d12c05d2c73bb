package io.dtrcoach.server.persistence;

/** The server cannot start for a reason the operator can fix; the message says what, without a stack trace. */
public final class StartupFailure extends RuntimeException {
    public StartupFailure(String message) {
        super(message);
    }

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
