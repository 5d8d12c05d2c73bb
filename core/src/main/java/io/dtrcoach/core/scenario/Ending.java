package io.dtrcoach.core.scenario;

import java.util.Optional;

/**
 * A way the conversation ends. After each turn the endings are checked in file order; the first whose
 * {@code when} holds ends the call, and its {@code say} (if any) is added to the prospect's last reply.
 *
 * @param success whether reaching it means the scenario's lesson was learned (a clear yes with an owner and a
 *                date, a clean no where that is the lesson): no session passes without a success ending
 */
public record Ending(String id, Condition when, Outcome outcome, String description, Optional<String> say,
                     boolean success, Location location) {

    /** Rackham's call outcomes, plus the prospect shutting the call down. */
    public enum Outcome {
        /** A clear yes with an owner and a date. */
        yes,
        /** A clean, honest no. */
        no,
        /** A concrete, dated next step (Rackham's "advance"). */
        next_step,
        /** Nothing clear (Rackham's "continuation"). */
        no_decision,
        /** The prospect ended the call defensive. */
        shut_down;

        public boolean isClearAnswer() {
            return this == yes || this == no || this == next_step;
        }
    }
}
