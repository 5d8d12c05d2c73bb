package io.dtrcoach.core.scenario;

/**
 * A compiled expression over the state (JEXL). Variables are the declared state variables plus {@code turn};
 * functions are {@code matched('intent')}, {@code revealed('fact')}, {@code move('label')} and
 * {@code at('node')}. Booleans read as true/false; ints as numbers.
 *
 * @param source the text as written in the file
 */
public record Condition(String source, CompiledExpression compiled, Location location) {

    /** Evaluates against a context; the implementation lives with the expression engine. */
    public interface CompiledExpression {
        Object evaluate(ExpressionContext context);
    }

    public boolean test(ExpressionContext context) {
        Object value = compiled.evaluate(context);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return false;
    }

    public int evaluateInt(ExpressionContext context) {
        Object value = compiled.evaluate(context);
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return (int) Math.round(n.doubleValue());
        }
        throw new ExpressionFailed(location, source, "did not give a number");
    }

    @Override
    public String toString() {
        return source;
    }
}
