package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * When a DTR ask is well timed: inside the rep-turn window [fromTurn, toTurn] (1-based) and while
 * {@code readyWhen} holds. {@code asks} names the scenario's topic intents that, asked as a question, are this deal's
 * DTR ask as well as the shared {@code dtr_ask} move (in defensive-champion, asking what happened at the steering
 * meeting: the question the call turns on, which the persona answers as it answers "where does this stand").
 */
public record Timing(int fromTurn, int toTurn, Condition readyWhen, List<String> asks) {
    public Timing {
        asks = List.copyOf(asks);
    }

    /** A window and readiness, and no topic that counts as the ask. */
    public Timing(int fromTurn, int toTurn, Condition readyWhen) {
        this(fromTurn, toTurn, readyWhen, List.of());
    }
}
