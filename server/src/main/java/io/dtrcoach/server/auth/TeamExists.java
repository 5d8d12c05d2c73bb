package io.dtrcoach.server.auth;

/** A team with this name exists already (a 409). */
public final class TeamExists extends RuntimeException {
    public TeamExists(String name) {
        super("a team named '" + name + "' exists already");
    }
}
