package io.dtrcoach.core.scenario;

/**
 * An expression that compiled but could not be evaluated on some state (for example a division by zero).
 * The message starts with the expression's location in the file.
 */
public final class ExpressionFailed extends RuntimeException {
    private final transient Location location;

    public ExpressionFailed(Location location, String source, Throwable cause) {
        super(location + ": expression '" + source + "' failed: " + cause.getMessage(), cause);
        this.location = location;
    }

    /** A value of the wrong kind (no number where one is needed). */
    public ExpressionFailed(Location location, String source, String problem) {
        super(location + ": expression '" + source + "' " + problem);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
