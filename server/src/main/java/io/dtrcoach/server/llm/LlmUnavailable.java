package io.dtrcoach.server.llm;

/** The model could not be used for a one-off request (not configured, circuit open, failed or too slow). */
public final class LlmUnavailable extends RuntimeException {
    public LlmUnavailable(String message) {
        super(message);
    }
}
