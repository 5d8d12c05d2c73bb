package io.dtrcoach.core.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine needs to go on with a conversation: an immutable value, small enough to store
 * with every turn, so that a conversation can continue on any node after any crash.
 *
 * @param turn       rep turns taken so far
 * @param vars       variable values in declaration order (booleans as 0/1)
 * @param node       the current script node
 * @param revealed   facts revealed so far, in the order they were revealed
 * @param fires      how often each trigger has fired (key as in {@code Turn.trigger}); drives {@code once}
 *                   and the rotation of {@code say} variants
 * @param missStreak consecutive turns in the current node with no trigger
 * @param ending     the ending, once the call is over
 * @param seed       the session's seed (picks the opener)
 */
public record ProspectState(int turn, Map<String, Integer> vars, String node, List<String> revealed,
                            Map<String, Integer> fires, int missStreak, Optional<String> ending, long seed) {
    public ProspectState {
        vars = orderedCopy(vars);
        revealed = List.copyOf(revealed);
        fires = orderedCopy(fires);
    }

    public boolean ended() {
        return ending.isPresent();
    }

    public static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
