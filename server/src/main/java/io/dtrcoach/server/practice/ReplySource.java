package io.dtrcoach.server.practice;

import io.dtrcoach.server.llm.Reply;

/** Where the words of a prospect's reply came from; stored with every turn. */
public enum ReplySource {
    /** A scripted persona: the engine's scripted line. */
    SCRIPTED,
    /** An LLM persona: the model's first reply. */
    MODEL,
    /** An LLM persona: the model's second reply, after the guard rejected the first. */
    MODEL_REGENERATED,
    /** An LLM persona whose replies the guard rejected twice: the scripted line. */
    SCRIPTED_FALLBACK,
    /** An LLM persona whose model failed (down, timed out, circuit open): the scripted line, with a notice. */
    SCRIPTED_UNAVAILABLE;

    static ReplySource of(Reply.Source source) {
        return switch (source) {
            case MODEL -> MODEL;
            case MODEL_REGENERATED -> MODEL_REGENERATED;
            case SCRIPTED_FALLBACK -> SCRIPTED_FALLBACK;
            case SCRIPTED_UNAVAILABLE -> SCRIPTED_UNAVAILABLE;
        };
    }
}
