package io.dtrcoach.core.persona;

import java.util.List;

/**
 * What has been said on the call so far, as the rep saw it: the prospect's opening line and each earlier
 * exchange with the words actually spoken (the model's for an LLM persona, the scripted line where it fell
 * back). The current rep line is not part of it; it comes with the engine's step.
 */
public record History(String opening, List<Exchange> exchanges) {
    public History {
        exchanges = List.copyOf(exchanges);
    }

    public static History start(String opening) {
        return new History(opening, List.of());
    }

    public History then(String rep, String prospect) {
        List<Exchange> out = new java.util.ArrayList<>(exchanges);
        out.add(new Exchange(rep, prospect));
        return new History(opening, out);
    }

    public record Exchange(String rep, String prospect) {
    }
}
