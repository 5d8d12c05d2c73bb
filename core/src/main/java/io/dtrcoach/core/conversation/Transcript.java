package io.dtrcoach.core.conversation;

import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.state.ProspectState;

import java.util.ArrayList;
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

    /** The conversation rep lines make from the start (seeded), until they run out or the prospect ends it. */
    public static Transcript replay(Engine engine, List<String> lines, long seed) {
        return replay(engine, lines, seed, false);
    }

    /** As {@link #replay}, then the rep ends the call if it is still open (what {@code dtr replay} scores). */
    public static Transcript replayAndEnd(Engine engine, List<String> lines, long seed) {
        return replay(engine, lines, seed, true);
    }

    private static Transcript replay(Engine engine, List<String> lines, long seed, boolean repEndsCall) {
        ProspectState state = engine.start(seed);
        String opening = engine.opening(state);
        List<Turn> turns = new ArrayList<>();
        for (String line : lines) {
            if (state.ended()) {
                break;
            }
            Step step = engine.step(state, line);
            turns.add(step.turn());
            state = step.after();
        }
        if (repEndsCall) {
            state = engine.endByRep(state);
        }
        return of(engine, opening, turns, state);
    }
}
