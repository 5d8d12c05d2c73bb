package io.dtrcoach.server.auth;

/** Authenticated, but not allowed (a 403). */
public final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
