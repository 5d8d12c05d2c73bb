package io.dtrcoach.server.practice;

/** No such session, or one the caller may not know exists (a 404 either way). */
public final class SessionNotFound extends RuntimeException {
    public SessionNotFound(String id) {
        super("no session '" + id + "'");
    }
}
