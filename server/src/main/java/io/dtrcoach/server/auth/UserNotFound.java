package io.dtrcoach.server.auth;

/** No user with this id (a 404). */
public final class UserNotFound extends RuntimeException {
    public UserNotFound(String who) {
        super("no user " + who);
    }
}
