package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule of the scripted persona. It fires when any intent in {@code match} matched this turn (or
 * {@code match} is empty), {@code when} holds, it has not fired before if {@code once}, and every fact in
 * {@code reveal} may be revealed (its {@code reveal_when} holds on the state after these effects).
 * The first trigger that fires wins the turn: global triggers first, then the current node's, in file order.
 *
 * @param say    reply variants, used in rotation each time the trigger fires
 * @param gotoNode the node to move to, if any
 */
public record Trigger(List<String> match, Optional<Condition> when, Map<String, Effect> effects, List<String> say,
                      Optional<String> gotoNode, List<String> reveal, boolean once, Location location) {
    public Trigger {
        match = List.copyOf(match);
        effects = Collections2.orderedCopy(effects);
        say = List.copyOf(say);
        reveal = List.copyOf(reveal);
    }
}
