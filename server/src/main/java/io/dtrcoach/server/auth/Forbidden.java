package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** Authenticated, but not allowed (a 403). */
public final class Forbidden extends DomainFailure.NotAllowed {
    public Forbidden(String message) {
        super(message);
    }
}
