package io.dtrcoach.core.scoring;

import java.util.List;

/**
 * A concrete suggestion for a weak dimension: the turn to look at and a better way to say it.
 *
 * @param dimension  the weak dimension (timing, pressure, autonomy, listening, outcome)
 * @param turn       the turn to look at
 * @param said       what the rep said there
 * @param tryInstead a better line, from the phrasebook, the one closest to what the rep was trying to say
 * @param moves      the moves the suggestion makes ({@code permission_no}, {@code dtr_ask}…)
 * @param why        one sentence on what to change
 */
public record Coaching(String dimension, int turn, String said, String tryInstead, List<String> moves, String why) {
    public Coaching {
        moves = List.copyOf(moves);
    }
}
