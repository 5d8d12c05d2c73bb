package io.dtrcoach.server.auth;

/** A user with this name exists already (a 409). */
public final class UsernameTaken extends RuntimeException {
    public UsernameTaken(String username) {
        super("the username '" + username + "' is taken");
    }
}
