package io.dtrcoach.core.conversation;

import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.state.ProspectState;

import java.util.List;
import java.util.Optional;

/**
 * A whole conversation as scoring sees it.
 *
 * @param revealedFacts facts revealed by the end, in order
 * @param ending        the ending id ({@code rep_ended} and {@code turn_limit} included), empty while open
 * @param outcome       the ending's outcome, empty while open
 */
public record Transcript(String scenarioId, String opening, List<Turn> turns, List<String> revealedFacts,
                         Optional<String> ending, Optional<Ending.Outcome> outcome) {
    public Transcript {
        turns = List.copyOf(turns);
        revealedFacts = List.copyOf(revealedFacts);
    }

    public static Transcript of(Engine engine, String opening, List<Turn> turns, ProspectState last) {
        return new Transcript(engine.scenario().id(), opening, turns, last.revealed(), last.ending(),
                last.ending().map(engine::outcomeOf));
    }
}
