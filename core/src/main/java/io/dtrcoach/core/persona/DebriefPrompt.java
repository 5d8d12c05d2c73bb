package io.dtrcoach.core.persona;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.dtrcoach.core.scenario.Scenario;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Asks a model for a short written debrief of a finished call, for the rep's report. The model gets the
 * conversation as the rep saw it and the engine's scores as settled facts to explain; nothing it writes
 * feeds back into a score. Nothing of a fact not revealed by the end is sent: the call is over, but what the rep did
 * not uncover stays the scenario's business. As in {@link PersonaPrompt}, the conversation's giveaways of such a fact
 * (in the rep's words, in a prospect line the rep saw, in the scenario's title and objective) are replaced by "…", and
 * the finished request is checked fact by fact: a persona that names one fails with {@link LockedFactInPrompt}, and
 * nothing is sent.
 */
public final class DebriefPrompt {
    private DebriefPrompt() {
    }

    /** {@code revealed}: the facts the engine revealed by the end of the call; every other fact is locked. */
    public static List<ChatMessage> messages(Scenario scenario, History call, Collection<String> revealed,
                                             Map<String, Integer> scores, int passMark) {
        LockedFacts locked = LockedFacts.of(scenario, revealed);
        String system = "You are an experienced sales coach. A sales rep has just practised a \"define the "
                + "relationship\" call: asking a prospect honestly where a stalled deal stands, early enough and "
                + "without pressure. Write a short debrief for the rep: at most five sentences, plain text, no "
                + "headings or lists. Name one thing they did well and one thing to do differently next time, "
                + "quoting their own words. The scores below were computed by the training program and are final: "
                + "explain them if useful, never dispute or change them, and do not invent new scores. A \"…\" in the call "
                + "marks words left out: do not guess them.";
        StringBuilder user = new StringBuilder();
        String prospect = "Prospect: " + scenario.persona().name() + ", " + scenario.persona().role() + '\n';
        locked.refuse(prospect, "debrief's scenario summary");
        // the title and objective are what the rep read: blanked like the call, not refused
        user.append("Scenario: ").append(locked.redact(scenario.title())).append('\n').append(prospect)
                .append("Rep's objective: ").append(locked.redact(scenario.brief().objective())).append("\n\n");
        user.append("Scores (0-100, pass mark ").append(passMark).append("):\n");
        scores.forEach((name, score) -> user.append("- ").append(name).append(": ").append(score).append('\n'));
        user.append("\nThe call:\n").append("Prospect: ").append(locked.redact(call.opening())).append('\n');
        for (History.Exchange e : call.exchanges()) {
            user.append("Rep: ").append(locked.redact(e.rep())).append('\n')
                    .append("Prospect: ").append(locked.redact(e.prospect())).append('\n');
        }
        List<ChatMessage> out = List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
        locked.refuse(out);
        return out;
    }
}
