package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Turn;

import java.util.List;
import java.util.Optional;

/**
 * One turn as stored: {@code reply} is what the rep saw, {@code source} where it came from. {@code analysis} (moves, intents, state before and after) is shown once the session has
 * ended, so that a rep cannot watch the prospect's hidden state while practising.
 */
public record TranscriptTurn(int number, String rep, String reply, Optional<Turn> analysis,
                             List<TurnComment> comments, ReplySource source) {
    public TranscriptTurn {
        comments = List.copyOf(comments);
    }
}
