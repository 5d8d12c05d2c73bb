package io.dtrcoach.core.conversation;

/** A turn was sent to a conversation that has already ended. */
public final class ConversationEnded extends RuntimeException {
    public ConversationEnded(String ending) {
        super("the conversation has ended (" + ending + ")");
    }
}
