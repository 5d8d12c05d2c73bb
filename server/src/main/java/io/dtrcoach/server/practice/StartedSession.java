package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;

/** A new session: its id, the prospect's first line and the persona kind playing the prospect. */
public record StartedSession(String id, String opening, String scenario, int maxTurns, Scenario.Mode persona) {
}
