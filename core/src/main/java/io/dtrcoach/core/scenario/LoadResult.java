package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Optional;

/**
 * What loading one file gave: the scenario when the file has no errors, and every problem found (errors and
 * linter warnings), in file order.
 */
public record LoadResult(Optional<Scenario> scenario, List<Problem> problems) {
    public LoadResult {
        problems = problems.stream().sorted().toList();
        if (scenario.isPresent() && problems.stream().anyMatch(Problem::isError)) {
            throw new IllegalArgumentException("a scenario with errors cannot be loaded");
        }
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The scenario, or {@link ScenarioInvalid} carrying every problem. */
    public Scenario orThrow() {
        return scenario.orElseThrow(() -> new ScenarioInvalid(problems));
    }
}
