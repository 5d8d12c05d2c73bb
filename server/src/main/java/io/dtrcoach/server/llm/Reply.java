package io.dtrcoach.server.llm;

import java.util.List;
import java.util.Optional;

/**
 * The prospect's words for one turn, and where they came from.
 *
 * @param modelCalls requests sent to the model for this turn (retries and regeneration included)
 * @param notice     for the rep, when the model could not be used: say so plainly next to the reply
 * @param incidents  what went wrong on the way, for logs and tests (never shown to the rep: a guard hit
 *                   names a locked fact)
 */
public record Reply(String text, Source source, int modelCalls, Optional<String> notice, List<String> incidents) {
    public Reply {
        incidents = List.copyOf(incidents);
    }

    public enum Source {
        /** The model's first reply. */
        MODEL,
        /** The model's second reply, after the guard rejected the first. */
        MODEL_REGENERATED,
        /** The scenario's scripted line: the guard rejected both replies, or the prompt could not be built. */
        SCRIPTED_FALLBACK,
        /** The scenario's scripted line because the model failed (down, timed out, circuit open), with a notice. */
        SCRIPTED_UNAVAILABLE;

        public boolean fromModel() {
            return this == MODEL || this == MODEL_REGENERATED;
        }
    }
}
