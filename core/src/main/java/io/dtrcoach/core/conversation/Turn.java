package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rep turn and the prospect's reply, with everything the engine decided on the way.
 *
 * @param number      1-based rep turn number
 * @param trigger     the trigger that fired ({@code global#0}, {@code open#1}), empty on a no-match
 * @param stateBefore variable values before the turn (booleans as 0/1)
 * @param stateAfter  variable values after the turn
 * @param revealed    facts revealed on this turn
 * @param ending      the ending reached on this turn, if the call ended here
 * @param answered    the act the persona answered: a move label or topic intent id from {@code moves} /
 *                    {@code intents}, {@link Engine#STATE_RULE} or {@link Engine#NO_MATCH} (empty on turns stored
 *                    before it was recorded)
 */
public record Turn(int number, String rep, String prospect, List<MatchedIntent> intents, List<Move> moves,
                   Map<String, Integer> stateBefore, Map<String, Integer> stateAfter, List<String> revealed,
                   String nodeBefore, String nodeAfter, Optional<String> trigger, Optional<String> ending,
                   String answered) {
    public Turn {
        answered = answered == null ? "" : answered;
        intents = List.copyOf(intents);
        moves = List.copyOf(moves);
        stateBefore = io.dtrcoach.core.state.ProspectState.orderedCopy(stateBefore);
        stateAfter = io.dtrcoach.core.state.ProspectState.orderedCopy(stateAfter);
        revealed = List.copyOf(revealed);
    }

    public boolean hasMove(String label) {
        return moves.stream().anyMatch(m -> m.label().equals(label));
    }

    public boolean hasPressure() {
        return moves.stream().anyMatch(Move::isPressure);
    }
}
