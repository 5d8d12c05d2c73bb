package io.dtrcoach.core.scenario;

/** One finding about a scenario file, printed as {@code file:line:col: error|warning: message}. */
public record Problem(Location location, Severity severity, String message) implements Comparable<Problem> {

    public enum Severity { error, warning }

    public static Problem error(Location at, String message) {
        return new Problem(at, Severity.error, message);
    }

    public static Problem warning(Location at, String message) {
        return new Problem(at, Severity.warning, message);
    }

    public boolean isError() {
        return severity == Severity.error;
    }

    @Override
    public int compareTo(Problem o) {
        int c = Integer.compare(location.line(), o.location.line());
        return c != 0 ? c : Integer.compare(location.column(), o.location.column());
    }

    @Override
    public String toString() {
        return location + ": " + severity + ": " + message;
    }
}
