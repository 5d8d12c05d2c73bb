package io.dtrcoach.server.llm;

/** A language-model setting has a value the server cannot use; names the setting. */
public final class LlmConfigInvalid extends RuntimeException {
    private final String key;

    public LlmConfigInvalid(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
