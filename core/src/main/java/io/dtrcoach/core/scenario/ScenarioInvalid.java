package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that has errors; carries every problem found, not just the first. */
public final class ScenarioInvalid extends RuntimeException {
    private final transient List<Problem> problems;

    public ScenarioInvalid(List<Problem> problems) {
        super(problems.stream().filter(Problem::isError).map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
