package io.dtrcoach.server.http;

import io.dtrcoach.server.practice.ScenarioCard;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The scenario catalogue for reps, and the library's lint status for trainers. */
final class ScenariosHandler {
    private final ScenarioCatalog catalog;
    private final Replies replies;

    ScenariosHandler(ScenarioCatalog catalog, Replies replies) {
        this.catalog = catalog;
        this.replies = replies;
    }

    void list(RoutingContext ctx) {
        replies.ok(ctx, Map.of("scenarios", catalog.current().stream().map(v -> ScenarioCard.of(v.scenario())).toList()));
    }

    void status(RoutingContext ctx) {
        replies.ok(ctx, catalog.status());
    }
}
