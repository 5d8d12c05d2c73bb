package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Turn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One turn as the report shows it: what was said, the moves heard, and the state on either side. */
public record TurnView(int number, String rep, String prospect, List<MoveView> moves, Map<String, Integer> stateBefore,
                       Map<String, Integer> stateAfter, List<String> revealed, Optional<String> ending) {
    public TurnView {
        moves = List.copyOf(moves);
        stateBefore = io.dtrcoach.core.state.ProspectState.orderedCopy(stateBefore);
        stateAfter = io.dtrcoach.core.state.ProspectState.orderedCopy(stateAfter);
        revealed = List.copyOf(revealed);
    }

    /** A classified move; its own record so that the report's JSON holds exactly {@code label} and {@code confidence}. */
    public record MoveView(String label, double confidence) {
    }

    static TurnView of(Turn t) {
        return new TurnView(t.number(), t.rep(), t.prospect(),
                t.moves().stream().map(m -> new MoveView(m.label(), m.confidence())).toList(),
                t.stateBefore(), t.stateAfter(), t.revealed(), t.ending());
    }
}
