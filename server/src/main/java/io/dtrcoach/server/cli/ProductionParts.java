package io.dtrcoach.server.cli;

import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.app.CoreServices;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.practice.LibraryCatalog;

import java.time.Clock;

/**
 * The real scenario library and the same model-backed services as the CLI (embedding model, the shared move
 * classifier, scorer with coaching drawn from the classifier's examples). Blocking: loads the model.
 */
final class ProductionParts {
    private ProductionParts() {
    }

    static Application.Parts create(ServerConfig config) {
        CoreServices core = CoreServices.create();
        LibraryCatalog catalog = LibraryCatalog.load(ProductionParts.class.getClassLoader(), config.scenariosDir());
        return new Application.Parts(catalog, core.embedder(), core.classifier(), core.scorer()::score,
                Clock.systemUTC());
    }
}
