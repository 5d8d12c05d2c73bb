package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scripted transcript in the scenario file, with what each turn must produce. */
public record ScenarioTest(String name, Optional<Given> given, List<TestTurn> turns, Location location) {
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
     * Everything is optional. {@code state} values are comparisons such as {@code ">= 60"}, {@code "< 50"},
     * {@code "== 1"} or a bare number (equality). {@code revealed} lists facts revealed on this turn
     * (an empty list asserts that none was). {@code moves} are classifier labels the turn must carry.
     */
    public record Expect(Optional<List<String>> intents, List<String> notIntents, Map<String, String> state,
                         Optional<List<String>> revealed, Optional<String> node, Optional<String> ending,
                         List<String> moves) {
        public static final Expect NONE = new Expect(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());

        public Expect {
            notIntents = List.copyOf(notIntents);
            state = Collections2.orderedCopy(state);
            moves = List.copyOf(moves);
        }
    }
}
