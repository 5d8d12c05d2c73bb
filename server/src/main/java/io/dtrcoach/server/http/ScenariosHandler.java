package io.dtrcoach.server.http;

import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCard;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The scenario catalogue for reps (each card lists the persona kinds it offers; {@code llm} says whether a model
 * is configured and, if LLM personas cannot be used now, why), and the library's lint status for trainers.
 */
public final class ScenariosHandler {
    private final ScenarioCatalog catalog;
    private final Practice practice;
    private final Replies replies;

    ScenariosHandler(ScenarioCatalog catalog, Practice practice, Replies replies) {
        this.catalog = catalog;
        this.practice = practice;
        this.replies = replies;
    }

    public void list(RoutingContext ctx) {
        replies.ok(ctx, Map.of("scenarios", catalog.offered().stream().map(v -> ScenarioCard.of(v.scenario())).toList(),
                "llm", practice.sessions().llmStatus()));
    }

    public void status(RoutingContext ctx) {
        replies.ok(ctx, catalog.status());
    }
}
