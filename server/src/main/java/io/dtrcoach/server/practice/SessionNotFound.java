package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** No such session, or one the caller may not know exists (a 404 either way). */
public final class SessionNotFound extends DomainFailure.NotFound {
    public SessionNotFound(String id) {
        super("no session '" + id + "'");
    }
}
