package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** No user with this id (a 404). */
public final class UserNotFound extends DomainFailure.NotFound {
    public UserNotFound(String who) {
        super("no user " + who);
    }
}
