package io.dtrcoach.server.authoring;

import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.server.failure.DomainFailure;

import java.util.List;

/** A scenario text the linter refuses: it is not published. */
public final class ScenarioHasErrors extends DomainFailure.Unprocessable {
    private final List<Problem> problems;

    public ScenarioHasErrors(List<Problem> problems) {
        super("The scenario has " + problems.size() + " error" + (problems.size() == 1 ? "" : "s")
                + "; nothing was published: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
