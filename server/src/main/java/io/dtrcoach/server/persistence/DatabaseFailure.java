package io.dtrcoach.server.persistence;

/** An unexpected SQL error: a bug or a broken database, reported as a 500 and logged once. */
public final class DatabaseFailure extends RuntimeException {
    public DatabaseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
