package io.dtrcoach.core.persona;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a streamed reply back until each of its sentences is complete, so that the sentence's meaning can be checked
 * ({@link FactSimilarity}) before the rep sees any of it. A sentence is complete once an end mark (. ! ? …, with any
 * closing quote or bracket) is followed by white space, or at a line break. Not thread-safe: one gate per reply.
 */
public final class SentenceGate {
    private static final Pattern END = Pattern.compile("[.!?\u2026][\"'\u201D\u2019)\\]]{0,2}\\s+|\\n\\s*");

    private final StringBuilder pending = new StringBuilder();

    /** Adds text; returns the sentences it completed, in order, each with the white space after it. */
    public List<String> add(String text) {
        pending.append(text);
        List<String> out = new ArrayList<>();
        Matcher m = END.matcher(pending);
        int from = 0;
        while (m.find()) {
            out.add(pending.substring(from, m.end()));
            from = m.end();
        }
        pending.delete(0, from);
        return out;
    }

    /** The text not yet handed out (the reply's last sentence, once the reply is complete); empties the gate. */
    public String rest() {
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }
}
