package io.dtrcoach.core.scenario;

/** What an expression can see during a turn. */
public interface ExpressionContext {
    /** The value of a declared variable (booleans as 0/1), or of {@code turn}. */
    int variable(String name);

    boolean isBool(String name);

    boolean matched(String intentId);

    boolean revealed(String factId);

    boolean move(String label);

    boolean at(String nodeId);
}
