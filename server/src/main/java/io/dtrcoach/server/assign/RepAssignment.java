package io.dtrcoach.server.assign;

import java.util.List;
import java.util.Optional;

/**
 * One assignment for one rep, with their progress: scenarios met of the total, and whether it is overdue (past due
 * and not complete). {@code next} is the first scenario, in the programme's order, not met yet.
 */
public record RepAssignment(Assignment assignment, String rep, Optional<String> team, List<ScenarioProgress> scenarios,
                            int met, int total, boolean complete, boolean overdue, boolean dueSoon,
                            Optional<ScenarioProgress> next) {
}
