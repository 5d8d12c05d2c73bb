package io.dtrcoach.core.persona;

/**
 * A prompt for the model would have carried a giveaway of a fact the engine has not revealed (its text or one of
 * its keywords). The prompt is not sent: for a turn the caller falls back to the scenario's scripted line; a debrief
 * is refused. Prompts are assembled so that this does not happen (only revealed facts, redacted conversation), so it
 * means an author-written part (persona, brief, the scenario's {@code llm} texts) names a locked fact.
 */
public final class LockedFactInPrompt extends RuntimeException {
    private final String factId;
    private final String where;

    public LockedFactInPrompt(String factId, String where) {
        super("a giveaway of locked fact '" + factId + "' is in the " + where + "; not sending it to the model");
        this.factId = factId;
        this.where = where;
    }

    public String factId() {
        return factId;
    }

    /** Which part of the prompt carried it ({@code system prompt}, {@code message 3 (user)}, {@code llm.background}). */
    public String where() {
        return where;
    }
}
