package io.dtrcoach.server.llm;

/**
 * Receives the prospect's reply as it is spoken, on the Vert.x context that called
 * {@link LlmSpeaker#speak}. The text shown for a reply is everything passed to {@link #onToken} since the
 * last {@link #onRestart}; it equals {@link Reply#text()} once the reply completes (leading whitespace aside).
 */
public interface ReplyListener {
    /** The number of the turn whose reply follows; called once, before its first token. */
    default void onTurn(int number) {
    }

    /** More of the reply, already screened by the reply guard: safe to show. */
    void onToken(String text);

    /**
     * Discard what was shown of this reply: the model's stream broke or was rejected, and a new attempt or
     * the scripted line follows.
     */
    void onRestart();

    static ReplyListener ignoring() {
        return new ReplyListener() {
            @Override
            public void onToken(String text) {
            }

            @Override
            public void onRestart() {
            }
        };
    }
}
