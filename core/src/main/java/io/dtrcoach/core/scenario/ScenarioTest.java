package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scripted transcript in the scenario file, with what each turn must produce. */
public record ScenarioTest(String name, Optional<Given> given, List<TestTurn> turns, Location location) {
    /** What {@code answered} names when no rule and no reaction answered the line. */
    public static final String NO_MATCH = "no_match";

    public ScenarioTest {
        turns = List.copyOf(turns);
    }

    /** Start mid-scenario: at a node, with some state values and facts already revealed. */
    public record Given(Optional<String> node, Map<String, Integer> state, List<String> revealed) {
        public Given {
            state = Collections2.orderedCopy(state);
            revealed = List.copyOf(revealed);
        }
    }

    public record TestTurn(String rep, Expect expect, Location location) {
    }

    /**
     * Everything is optional. {@code state} holds comparisons on the values after the turn. {@code revealed} lists
     * facts revealed on this turn (an empty list asserts that none was). {@code moves} are move names the turn must
     * carry ({@code pressure} for any kind), {@code notMoves} ones it must not; {@code answered} is the act the
     * persona answered (a move label, a topic intent id, or {@code no_match}).
     */
    public record Expect(Optional<List<String>> intents, List<String> notIntents, Map<String, Comparison> state,
                         Optional<List<String>> revealed, Optional<String> node, Optional<String> ending,
                         List<String> moves, List<String> notMoves, Optional<String> answered) {
        public static final Expect NONE = new Expect(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());

        public Expect {
            notIntents = List.copyOf(notIntents);
            state = Collections2.orderedCopy(state);
            moves = List.copyOf(moves);
            notMoves = List.copyOf(notMoves);
        }
    }
}
