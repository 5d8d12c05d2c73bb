package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** The session has no turn with that number (a 404). */
public final class TurnNotFound extends DomainFailure.NotFound {
    public TurnNotFound(String sessionId, int number) {
        super("session '" + sessionId + "' has no turn " + number);
    }
}
