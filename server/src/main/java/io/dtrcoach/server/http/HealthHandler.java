package io.dtrcoach.server.http;

import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.cluster.Membership;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.practice.LibraryStatus;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.ext.web.RoutingContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} (JSON; 503 when the database is down) and {@code /metrics} (Prometheus text). */
public final class HealthHandler {
    private final AsyncDatabase db;
    private final ScenarioCatalog catalog;
    private final Metrics metrics;
    private final Replies replies;
    private final Membership membership;

    HealthHandler(AsyncDatabase db, ScenarioCatalog catalog, Metrics metrics, Replies replies, Membership membership) {
        this.db = db;
        this.catalog = catalog;
        this.metrics = metrics;
        this.replies = replies;
        this.membership = membership;
    }

    public void health(RoutingContext ctx) {
        LibraryStatus library = catalog.status();
        Map<String, Object> scenarios = new LinkedHashMap<>();
        scenarios.put("status", library.healthy() ? "up" : library.scenarios() > 0 ? "degraded" : "down");
        scenarios.put("count", library.scenarios());
        scenarios.put("problems", library.problems().size());
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }).transform(ar -> {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean up = ar.succeeded();
            body.put("status", up ? "up" : "down");
            body.put("database", up ? Map.of("status", "up") : Map.of("status", "down", "error", "not reachable"));
            body.put("scenarios", scenarios);
            body.put("cluster", membership.describe());
            replies.send(ctx, up ? 200 : 503, body);
            return io.vertx.core.Future.succeededFuture();
        });
    }

    public void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.prometheus());
    }
}
