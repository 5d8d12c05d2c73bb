package io.dtrcoach.server.persistence;

/** The database cannot be reached right now (a 503, not a bug). */
public final class DatabaseUnavailable extends RuntimeException {
    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
