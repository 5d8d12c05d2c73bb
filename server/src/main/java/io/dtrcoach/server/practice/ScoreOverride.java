package io.dtrcoach.server.practice;

import java.time.Instant;
import java.util.Optional;

/** A reviewer's correction of one score, with the score it replaces and why. */
public record ScoreOverride(long id, String dimension, Optional<Integer> originalScore, int score, String reason,
                            String author, Instant at) {
}
