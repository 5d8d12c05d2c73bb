package io.dtrcoach.core.scenario;

/**
 * A change to one state variable: either a delta ({@code +20}, {@code -10}; in YAML a number) or an
 * expression giving the new value ({@code "comfort / 2"}, {@code "true"}; in YAML a string).
 */
public sealed interface Effect {
    String variable();

    record Delta(String variable, int delta) implements Effect {
    }

    record Assign(String variable, Condition expression) implements Effect {
    }
}
