package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** A user with this name exists already (a 409). */
public final class UsernameTaken extends DomainFailure.Conflict {
    public UsernameTaken(String username) {
        super("the username '" + username + "' is taken");
    }
}
