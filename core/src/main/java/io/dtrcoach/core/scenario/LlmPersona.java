package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;

/**
 * How a language model should play the persona (used by the LLM persona; validated with the rest). Everything here
 * is sent to the model from the first turn, so none of it may name a locked fact (the loader checks).
 *
 * @param locations where each text was written: {@code background}, {@code personality}, {@code style},
 *                  {@code style_examples[i]}, {@code never_say[i]}
 */
public record LlmPersona(String background, String personality, String style, List<String> styleExamples,
                         List<String> neverSay, Map<String, Location> locations) {
    public LlmPersona {
        styleExamples = List.copyOf(styleExamples);
        neverSay = List.copyOf(neverSay);
        locations = Collections2.orderedCopy(locations);
    }

    public LlmPersona(String background, String personality, String style, List<String> styleExamples,
                      List<String> neverSay) {
        this(background, personality, style, styleExamples, neverSay, Map.of());
    }

    /** Every text sent to the model, keyed as in {@link #locations()}. */
    public Map<String, String> texts() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("background", background);
        out.put("personality", personality);
        out.put("style", style);
        for (int i = 0; i < styleExamples.size(); i++) {
            out.put("style_examples[" + i + "]", styleExamples.get(i));
        }
        for (int i = 0; i < neverSay.size(); i++) {
            out.put("never_say[" + i + "]", neverSay.get(i));
        }
        return out;
    }
}
