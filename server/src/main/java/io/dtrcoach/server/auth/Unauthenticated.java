package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** No valid credentials (a 401). */
public final class Unauthenticated extends DomainFailure.NotSignedIn {
    public Unauthenticated(String message) {
        super(message);
    }
}
