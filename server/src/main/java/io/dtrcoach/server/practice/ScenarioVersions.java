package io.dtrcoach.server.practice;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.dtrcoach.core.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * The scenario version each session plays: the library's current one when a session starts, stored by content hash,
 * and found again by that hash for every later turn, so an edited or removed file never changes a conversation under
 * way. A version no longer in the library is parsed once from its stored copy and cached.
 */
final class ScenarioVersions {
    private final ScenarioCatalog catalog;
    private final SessionStore store;
    private final WorkerExecutor compute;
    /** Scenarios rebuilt from stored versions no longer in the library (edited or removed files). */
    private final Cache<String, Scenario> stored = CacheBuilder.newBuilder().maximumSize(500).build();

    ScenarioVersions(ScenarioCatalog catalog, SessionStore store, WorkerExecutor compute) {
        this.catalog = catalog;
        this.store = store;
        this.compute = compute;
    }

    /** The library's current version of the scenario, if it is offered to reps (its tests pass, or published anyway). */
    ScenarioVersion current(String scenarioId) {
        return catalog.offered(scenarioId).orElseThrow(() -> new NoSuchScenario(scenarioId));
    }

    /** Stores the scenario's content once per version; a duplicate from a racing node is fine. */
    Future<Void> save(ScenarioVersion v) {
        return store.tx(t -> {
            if (!t.hasVersion(v.hash())) {
                t.insertVersion(v);
            }
            return (Void) null;
        }).recover(e -> store.tx(t -> {
            if (t.hasVersion(v.hash())) {
                return (Void) null;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }));
    }

    /** The scenario of this version: the library's if it is current, else rebuilt from the stored copy. */
    Future<Scenario> scenario(String hash) {
        for (ScenarioVersion v : catalog.current()) {
            if (v.hash().equals(hash)) {
                return Future.succeededFuture(v.scenario());
            }
        }
        Scenario cached = stored.getIfPresent(hash);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return store.tx(t -> t.version(hash).orElseThrow(() -> new IllegalStateException(
                        "scenario version " + hash + " is missing from the database")))
                .compose(v -> compute.executeBlocking(() -> {
                    Scenario s = catalog.parse(v.content(), v.source());
                    stored.put(hash, s);
                    return s;
                }, false));
    }
}
