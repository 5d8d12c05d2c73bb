package io.dtrcoach.server.auth;

/** No valid credentials (a 401). */
public final class Unauthenticated extends RuntimeException {
    public Unauthenticated(String message) {
        super(message);
    }
}
