package io.dtrcoach.core.scoring;

import io.dtrcoach.core.scenario.Ending;

import java.util.List;
import java.util.Optional;

/**
 * How the call ended.
 *
 * @param ending        the ending id ({@code rep_ended} and {@code turn_limit} included); empty while the call is open
 * @param outcomeKind   the ending's outcome; {@code no_decision} while open
 * @param revealedFacts facts revealed by the end, in order
 * @param factsTotal    hidden facts in the scenario
 * @param decisionProcessLearned whether the rep asked, or learned, how the decision gets made
 * @param revealed      the facts revealed during the call, with their text and the turn that uncovered them
 * @param success       whether the call reached an ending the scenario marks as a success (the lesson learned);
 *                      no session passes without one
 */
public record OutcomeSummary(Optional<String> ending, Ending.Outcome outcomeKind, List<String> revealedFacts,
                             int factsTotal, boolean decisionProcessLearned, List<RevealedFact> revealed,
                             boolean success) {
    public OutcomeSummary {
        revealedFacts = List.copyOf(revealedFacts);
        revealed = List.copyOf(revealed);
    }

    /** A fact the rep uncovered: now known, so its text can be shown. */
    public record RevealedFact(String id, String text, int turn) {
    }
}
