package io.dtrcoach.server.practice;

/** Another request (maybe on another node) moved the session on first; nothing was written (a 409). */
public final class TurnConflict extends RuntimeException {
    public TurnConflict(String id) {
        super("session '" + id + "' was changed by another request; reload it and try again");
    }
}
