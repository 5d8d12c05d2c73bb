package io.dtrcoach.core.persona;

/**
 * A prompt for the model would have carried the text of a fact the engine has not revealed, through a part
 * the scenario author wrote (persona, background, a scripted line). The prompt is not sent: for a turn the caller
 * falls back to the scripted persona; a debrief is refused. The rep's own words are not checked: they are the rep's.
 */
public final class LockedFactInPrompt extends RuntimeException {
    private final String factId;

    public LockedFactInPrompt(String factId, String where) {
        super("the text of locked fact '" + factId + "' is in the " + where + "; not sending it to the model");
        this.factId = factId;
    }

    public String factId() {
        return factId;
    }
}
