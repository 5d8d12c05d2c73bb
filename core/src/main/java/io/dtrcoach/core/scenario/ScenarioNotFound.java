package io.dtrcoach.core.scenario;

/** No scenario with this id (or at this path). */
public final class ScenarioNotFound extends RuntimeException {
    public ScenarioNotFound(String idOrPath) {
        super("no scenario '" + idOrPath + "'");
    }
}
