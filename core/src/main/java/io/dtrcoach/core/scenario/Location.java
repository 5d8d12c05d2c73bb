package io.dtrcoach.core.scenario;

/** A place in a scenario file; lines and columns are 1-based. */
public record Location(String file, int line, int column) {
    public static Location unknown(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
