package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Turn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One turn as the report shows it: what was said, the moves heard (the same ones the persona acted on), the act the
 * persona answered, and the state on either side.
 */
public record TurnView(int number, String rep, String prospect, List<MoveView> moves, Map<String, Integer> stateBefore,
                       Map<String, Integer> stateAfter, List<String> revealed, Optional<String> ending,
                       String answered) {
    public TurnView {
        moves = List.copyOf(moves);
        stateBefore = io.dtrcoach.core.state.ProspectState.orderedCopy(stateBefore);
        stateAfter = io.dtrcoach.core.state.ProspectState.orderedCopy(stateAfter);
        revealed = List.copyOf(revealed);
    }

    /** A classified move: its label, calibrated confidence, and whether it fell under its confidence floor. */
    public record MoveView(String label, double confidence, boolean unsure) {
    }

    static TurnView of(Turn t) {
        return new TurnView(t.number(), t.rep(), t.prospect(),
                t.moves().stream().map(m -> new MoveView(m.label(), m.confidence(), m.unsure())).toList(),
                t.stateBefore(), t.stateAfter(), t.revealed(), t.ending(), t.answered());
    }
}
