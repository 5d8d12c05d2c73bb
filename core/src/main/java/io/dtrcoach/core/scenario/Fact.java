package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * A hidden truth. It is revealed only by a trigger that names it, and only when {@code revealWhen} holds
 * (evaluated on the state after that trigger's effects).
 *
 * @param keywords words that would give the fact away; an LLM reply containing one before the fact is revealed
 *                 is rejected
 */
public record Fact(String id, String text, Condition revealWhen, List<String> keywords, Location location) {
    public Fact {
        keywords = List.copyOf(keywords);
    }
}
