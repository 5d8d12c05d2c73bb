package io.dtrcoach.server.assign;

import io.dtrcoach.server.failure.InvalidInput;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a manager or trainer asks for: one scenario or a named programme (scenarios in the order to practise them),
 * for reps by username and whole teams by name, due by the end of {@code due} (UTC), done when each scenario is
 * passed ({@code requiredScore} empty) or scored at least {@code requiredScore}.
 */
public record NewAssignment(String name, List<String> scenarios, List<String> reps, List<String> teams,
                            LocalDate due, Optional<Integer> requiredScore) {
    public static final int MAX_NAME = 200;
    public static final int MAX_SCENARIOS = 30;
    public static final int MAX_TARGETS = 500;

    public NewAssignment {
        name = name == null ? "" : name.strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidInput("name", "name must be at most " + MAX_NAME + " characters");
        }
        scenarios = distinct(scenarios);
        reps = distinct(reps);
        teams = distinct(teams);
        if (scenarios.isEmpty()) {
            throw new InvalidInput("scenarios", "choose at least one scenario");
        }
        if (scenarios.size() > MAX_SCENARIOS) {
            throw new InvalidInput("scenarios", "a programme has at most " + MAX_SCENARIOS + " scenarios");
        }
        if (name.isEmpty() && scenarios.size() > 1) {
            throw new InvalidInput("name", "name the programme: it has more than one scenario");
        }
        if (reps.isEmpty() && teams.isEmpty()) {
            throw new InvalidInput("reps", "choose at least one rep or team");
        }
        if (reps.size() + teams.size() > MAX_TARGETS) {
            throw new InvalidInput("reps", "at most " + MAX_TARGETS + " reps and teams at once");
        }
        if (due == null) {
            throw new InvalidInput("due", "due must be a date like 2026-11-27");
        }
        requiredScore.ifPresent(s -> {
            if (s < 0 || s > 100) {
                throw new InvalidInput("requiredScore", "the required score must be between 0 and 100");
            }
        });
    }

    private static List<String> distinct(List<String> values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(out::add);
        }
        return List.copyOf(out);
    }
}
