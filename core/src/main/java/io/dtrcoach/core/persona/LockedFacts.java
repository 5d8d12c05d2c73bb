package io.dtrcoach.core.persona;

import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Scenario;

import java.util.Collection;
import java.util.List;

/**
 * The facts a prompt must not carry, because the engine has not revealed them, and the one check every prompt
 * built for a model runs over the parts a scenario author wrote (persona, background, scripted and ending lines):
 * a part that contains a locked fact's text fails with {@link LockedFactInPrompt} instead of being sent.
 */
final class LockedFacts {
    private final List<Fact> facts;

    private LockedFacts(List<Fact> facts) {
        this.facts = facts;
    }

    static LockedFacts of(Scenario scenario, Collection<String> revealed) {
        return new LockedFacts(scenario.facts().stream().filter(f -> !revealed.contains(f.id())).toList());
    }

    List<Fact> facts() {
        return facts;
    }

    /** Fails when {@code text} contains the text of a locked fact (normalised, as the reply screen reads it). */
    void refuse(String text, String where) {
        String n = ReplyScreen.normalise(text);
        for (Fact f : facts) {
            String t = ReplyGuard.trimToWords(ReplyScreen.normalise(f.text()));
            if (!t.isEmpty() && n.contains(t)) {
                throw new LockedFactInPrompt(f.id(), where);
            }
        }
    }
}
