package io.dtrcoach.server.practice;

/** The session has no turn with that number (a 404). */
public final class TurnNotFound extends RuntimeException {
    public TurnNotFound(String sessionId, int number) {
        super("session '" + sessionId + "' has no turn " + number);
    }
}
