package io.dtrcoach.server.practice;

/** A new session: its id and the prospect's first line. */
public record StartedSession(String id, String opening, String scenario, int maxTurns) {
}
