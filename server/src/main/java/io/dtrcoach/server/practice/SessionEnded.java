package io.dtrcoach.server.practice;

/** A turn sent to a session that has ended (a 409). */
public final class SessionEnded extends RuntimeException {
    public SessionEnded(String id, String ending) {
        super("session '" + id + "' has ended (" + ending + ")");
    }
}
