package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/** The library offers no scenario with this id (a 404). */
public final class NoSuchScenario extends DomainFailure.NotFound {
    public NoSuchScenario(String id) {
        super("no scenario '" + id + "'");
    }
}
