package io.dtrcoach.server.persistence;

import io.dtrcoach.server.failure.DomainFailure;

/** The database cannot be reached right now (a 503, not a bug). */
public final class DatabaseUnavailable extends DomainFailure.Unavailable {
    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
