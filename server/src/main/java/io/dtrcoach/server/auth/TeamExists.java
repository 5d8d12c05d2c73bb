package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** A team with this name exists already (a 409). */
public final class TeamExists extends DomainFailure.Conflict {
    public TeamExists(String name) {
        super("a team named '" + name + "' exists already");
    }
}
