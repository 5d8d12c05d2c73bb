package io.dtrcoach.core.scenario;

/**
 * A declared state variable. Integers are clamped to [min, max]; booleans ignore min and max.
 */
public record StateVar(String name, Type type, int min, int max, int start, String description) {

    public enum Type { INT, BOOL }

    /** Booleans are stored as 0 and 1 in the state so that the state stays one map of ints. */
    public int clamp(int value) {
        if (type == Type.BOOL) {
            return value != 0 ? 1 : 0;
        }
        return Math.max(min, Math.min(max, value));
    }
}
