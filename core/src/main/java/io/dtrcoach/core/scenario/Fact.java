package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A hidden truth. It is revealed only by a trigger that names it, and only when {@code revealWhen} holds
 * (evaluated on the state after that trigger's effects).
 *
 * @param keywords words that would give the fact away: never sent to a language model before the fact is revealed,
 *                 and an LLM reply containing one (or a variant) before then is rejected
 * @param llmHint  how an LLM persona should talk about the fact once it is revealed; joins the prompt only then
 */
public record Fact(String id, String text, Condition revealWhen, List<String> keywords, Optional<String> llmHint,
                   Location location) {
    public Fact {
        keywords = List.copyOf(keywords);
    }

    public Fact(String id, String text, Condition revealWhen, List<String> keywords, Location location) {
        this(id, text, revealWhen, keywords, Optional.empty(), location);
    }
}
