package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** A turn sent to a session that has ended (a 409). */
public final class SessionEnded extends DomainFailure.Conflict {
    public SessionEnded(String id, String ending) {
        super("session '" + id + "' has ended (" + ending + ")");
    }
}
