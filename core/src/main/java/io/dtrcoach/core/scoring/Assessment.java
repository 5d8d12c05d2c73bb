package io.dtrcoach.core.scoring;

import java.util.List;
import java.util.Optional;

/**
 * A dimension's score plus where coaching should look if it is weak.
 *
 * @param focus the turn to look at, the moves a better line would make, and what to change
 */
record Assessment(Dimension dimension, Optional<Focus> focus) {

    record Focus(int turn, List<String> moves, String why) {
        Focus {
            moves = List.copyOf(moves);
        }
    }

    static int clamp(double score, int min, int max) {
        return (int) Math.max(min, Math.min(max, Math.round(score)));
    }
}
