package io.dtrcoach.server.authoring;

import io.dtrcoach.server.failure.DomainFailure;

/** Publishing needs a scenarios folder on the server, and this one has none configured. */
public final class NoScenariosFolder extends DomainFailure.Conflict {
    public NoScenariosFolder() {
        super("This server has no scenarios folder, so nothing can be published from the browser. An admin sets one"
                + " with scenarios in the configuration (or DTR_SCENARIOS).");
    }
}
