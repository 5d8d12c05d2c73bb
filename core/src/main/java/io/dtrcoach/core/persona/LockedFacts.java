package io.dtrcoach.core.persona;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.FactMentions;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The facts a prompt must not carry, because the engine has not revealed them, and what every prompt built for a
 * model does about them. A giveaway is a fact's text or one of its keywords, read as {@link FactMentions} reads it
 * (so "Raj's", "R&#8203;aj" and "the 31st of January" count).
 * <ul>
 *   <li>{@link #redact} blanks the giveaways in what the rep has read: the conversation as it was spoken (the rep's
 *       lines, and the prospect's lines the rep saw), and the brief (deal summary, title, objective);</li>
 *   <li>{@link #refuse} is the check at assembly: every message of the finished prompt is read once more, fact by
 *       fact, and a giveaway anywhere fails with {@link LockedFactInPrompt} instead of being sent.</li>
 * </ul>
 */
final class LockedFacts {
    /** What stands in a prompt for words that would give a locked fact away. */
    static final String REDACTED = "…";

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

    /** Whether the text gives any locked fact away. */
    boolean named(String text) {
        return !text.isBlank() && FactMentions.mentionsAny(text, facts);
    }

    /**
     * The text with every giveaway of a locked fact replaced by {@link #REDACTED}. Repeated until none is left: taking a
     * word out can join its neighbours into a giveaway ("budget Raj review").
     */
    String redact(String text) {
        String out = text;
        for (int round = 0; round < 50; round++) {
            List<FactMentions.Mention> found = new ArrayList<>();
            for (Fact f : facts) {
                found.addAll(FactMentions.find(out, f));
            }
            if (found.isEmpty()) {
                return out;
            }
            found.sort(Comparator.comparingInt(FactMentions.Mention::start));
            StringBuilder s = new StringBuilder();
            int at = 0;
            for (FactMentions.Mention m : found) {
                if (m.end() <= at) {
                    continue;
                }
                s.append(out, at, Math.max(at, m.start()));
                if (m.start() >= at) {
                    s.append(REDACTED);
                }
                at = m.end();
            }
            out = s.append(out.substring(at)).toString();
        }
        throw new IllegalStateException("redaction did not settle");
    }

    /** Fails, naming the first locked fact found, when {@code text} gives it away. */
    void refuse(String text, String where) {
        for (Fact f : facts) {
            if (!FactMentions.find(text, f).isEmpty()) {
                throw new LockedFactInPrompt(f.id(), where);
            }
        }
    }

    /** The check at assembly: every message of a finished prompt, fact by fact. */
    void refuse(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            refuse(text(messages.get(i)), i == 0 && messages.get(i) instanceof SystemMessage ? "system prompt"
                    : "message " + (i + 1) + " (" + messages.get(i).type().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private static String text(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        if (m instanceof UserMessage u) {
            return u.hasSingleText() ? u.singleText() : u.contents().toString();
        }
        return m.toString();
    }
}
