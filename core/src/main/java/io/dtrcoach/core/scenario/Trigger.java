package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule of the scripted persona, or one of its default {@code reactions}. It can fire when the turn carries a
 * move or topic intent in {@code match} (or {@code match} is empty), {@code when} holds, it has not fired before if
 * {@code once}, and every fact in {@code reveal} may be revealed (its {@code reveal_when} holds on the state after
 * these effects). Which of the rules that can fire wins is the engine's answer priority (see {@code Engine}).
 *
 * @param say      reply variants, used in rotation each time the trigger fires
 * @param gotoNode the node to move to, if any
 */
public record Trigger(List<Match> match, Optional<Condition> when, Map<String, Effect> effects, List<String> say,
                      Optional<String> gotoNode, List<String> reveal, boolean once, Location location) {
    public Trigger {
        match = List.copyOf(match);
        effects = Collections2.orderedCopy(effects);
        say = List.copyOf(say);
        reveal = List.copyOf(reveal);
    }

    /** The ids of the topic intents this trigger matches. */
    public List<String> intents() {
        return match.stream().filter(m -> !m.isMove()).map(Match::name).toList();
    }
}
