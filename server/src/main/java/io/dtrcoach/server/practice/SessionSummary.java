package io.dtrcoach.server.practice;

import java.time.Instant;
import java.util.Optional;

/** One line of a session list. */
public record SessionSummary(String id, String scenario, String scenarioTitle, String rep, Optional<String> team,
                             SessionStatus status, Optional<String> ending, Instant startedAt, Optional<Instant> endedAt,
                             int turns, Optional<Integer> overall, Optional<Boolean> passed, String persona) {
}
