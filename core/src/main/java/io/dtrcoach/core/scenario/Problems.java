package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one file. Capped, so that a file of junk gives a readable list rather than
 * a hundred thousand lines.
 */
final class Problems {
    static final int MAX = 200;

    private final String file;
    private final List<Problem> list = new ArrayList<>();
    private int dropped;

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Location at(int line, int column) {
        return new Location(file, line, column);
    }

    void error(Location at, String message) {
        add(Problem.error(at, message));
    }

    void warning(Location at, String message) {
        add(Problem.warning(at, message));
    }

    void add(Problem problem) {
        if (list.size() >= MAX) {
            dropped++;
            return;
        }
        list.add(problem);
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    int errorCount() {
        return (int) list.stream().filter(Problem::isError).count();
    }

    List<Problem> toList() {
        List<Problem> out = new ArrayList<>(list);
        if (dropped > 0) {
            out.add(Problem.error(at(1, 1), "stopped after " + MAX + " problems (" + dropped + " more not shown)"));
        }
        return List.copyOf(out);
    }
}
