package io.dtrcoach.core.scenario;

/**
 * When a DTR ask is well timed: inside the rep-turn window [fromTurn, toTurn] (1-based) and while
 * {@code readyWhen} holds.
 */
public record Timing(int fromTurn, int toTurn, Condition readyWhen) {
}
