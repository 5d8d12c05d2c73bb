package io.dtrcoach.server.practice;

import java.util.List;

/**
 * @param scenarios live scenarios
 * @param problems  located errors of files that failed to load ({@code file:line:col: message})
 */
public record LibraryStatus(int scenarios, List<String> problems) {
    public LibraryStatus {
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return scenarios > 0 && problems.isEmpty();
    }
}
