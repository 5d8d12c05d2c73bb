package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;

import java.util.List;
import java.util.Optional;

/**
 * The scenarios the server offers, each with the exact file content it was loaded from. Sessions store that
 * content (by hash), so a reloaded or edited file never changes a session already under way.
 */
public interface ScenarioCatalog {
    /** The scenarios reps can start now (the last good version of each), in display order. */
    List<ScenarioVersion> current();

    default Optional<ScenarioVersion> current(String id) {
        return current().stream().filter(v -> v.scenario().id().equals(id)).findFirst();
    }

    /** The scenario's current version; {@link NoSuchScenario} if the library offers none with this id. */
    default ScenarioVersion require(String id) {
        return current(id).orElseThrow(() -> new NoSuchScenario(id));
    }

    /**
     * The scenarios offered to reps: the current ones, less any whose own tests fail and that no trainer published
     * anyway. Trainers' previews and running sessions still use {@link #current()}.
     */
    default List<ScenarioVersion> offered() {
        return current();
    }

    default Optional<ScenarioVersion> offered(String id) {
        return offered().stream().filter(v -> v.scenario().id().equals(id)).findFirst();
    }

    /** Whether this content is a scenario shipped with the product (tested by the build). */
    default boolean isShipped(String hash) {
        return false;
    }

    /** Rebuilds a scenario from stored content; blocking (parsing, expression compilation). */
    Scenario parse(String content, String source);

    /** The library's health: how many scenarios are live and which files are broken. */
    LibraryStatus status();

    /** Picks up edited files; blocking. A broken edit keeps the last good version live. */
    default void reload() {
    }
}
