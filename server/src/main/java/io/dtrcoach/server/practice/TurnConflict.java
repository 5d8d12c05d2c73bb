package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** Another request (maybe on another node) moved the session on first; nothing was written (a 409). */
public final class TurnConflict extends DomainFailure.Conflict {
    public TurnConflict(String id) {
        super("session '" + id + "' was changed by another request; reload it and try again");
    }
}
