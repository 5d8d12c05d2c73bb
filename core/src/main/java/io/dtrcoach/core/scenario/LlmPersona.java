package io.dtrcoach.core.scenario;

import java.util.List;

/** How a language model should play the persona (used by the LLM persona; validated with the rest). */
public record LlmPersona(String background, String personality, String style, List<String> styleExamples,
                         List<String> neverSay) {
    public LlmPersona {
        styleExamples = List.copyOf(styleExamples);
        neverSay = List.copyOf(neverSay);
    }
}
