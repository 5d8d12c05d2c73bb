package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** Something that needs a finished session (its report, an override) asked of an open one (a 409). */
public final class SessionOpen extends DomainFailure.Conflict {
    public SessionOpen(String id) {
        super("session '" + id + "' is still open; end it first");
    }
}
