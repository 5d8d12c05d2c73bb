package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

import java.util.List;

/** A CSV import with bad rows: nothing was imported; every problem is listed with its line (a 400). */
public final class ImportRefused extends DomainFailure.Invalid {
    public record Problem(int line, String message) {
    }

    private final List<Problem> problems;

    public ImportRefused(List<Problem> problems) {
        super("nothing was imported: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " (first: line " + problems.get(0).line() + ": " + problems.get(0).message() + ")");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
