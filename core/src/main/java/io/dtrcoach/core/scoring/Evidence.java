package io.dtrcoach.core.scoring;

import java.util.Map;

/**
 * One piece of evidence behind a score: the turn, what the rep said there, the prospect's state just before
 * the line, and why it counts.
 *
 * @param turn  1-based rep turn number
 * @param rep   the rep's line, quoted as said
 * @param state the prospect's variables before the line (booleans as 0/1)
 * @param note  what this turn did to the score, in a few words
 */
public record Evidence(int turn, String rep, Map<String, Integer> state, String note) {
    public Evidence {
        state = io.dtrcoach.core.state.ProspectState.orderedCopy(state);
    }
}
