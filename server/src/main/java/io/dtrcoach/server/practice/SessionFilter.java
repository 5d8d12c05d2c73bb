package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.InvalidInput;

import java.time.Instant;
import java.util.Optional;

/**
 * @param rep      a rep's username
 * @param scenario a scenario id
 * @param from     sessions started at or after
 * @param to       sessions started before
 */
public record SessionFilter(Optional<String> rep, Optional<String> scenario, Optional<Instant> from,
                            Optional<Instant> to, int limit) {
    public static final int MAX_LIMIT = 1000;

    public SessionFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInput("to", "to must be after from");
        }
    }
}
