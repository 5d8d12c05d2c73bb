package io.dtrcoach.server.assign;

import java.util.Optional;

/**
 * One rep's attempts at one scenario of an assignment, counted from when it was assigned.
 *
 * @param met the assignment's requirement is met by one of the ended attempts
 */
public record ScenarioProgress(String id, String title, int attempts, Optional<Integer> best, boolean met) {
}
