package io.dtrcoach.core.scoring;

import java.util.OptionalInt;

/**
 * Where the ask fell against the window, as plain numbers.
 *
 * @param firstAskTurn the turn of the first DTR ask; empty when the rep never asked
 */
public record TimingSummary(Window window, OptionalInt firstAskTurn) {

    /** The scenario's timing window, rep turns, inclusive. */
    public record Window(int from, int to) {
    }
}
