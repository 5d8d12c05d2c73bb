package io.dtrcoach.server.assign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An assignment as stored: its scenarios in order (with their titles), who assigned it and when, when it is due,
 * what counts as done, and whom it is for (reps by username, teams by name).
 */
public record Assignment(long id, String name, List<Item> scenarios, String assignedBy, Instant assignedAt,
                         Instant due, Optional<Integer> requiredScore, List<String> reps, List<String> teams) {

    public record Item(String id, String title) {
    }

    /** What the rep must do, in words. */
    public String requirement() {
        return requiredScore.map(s -> "score " + s + " or more").orElse("pass");
    }
}
