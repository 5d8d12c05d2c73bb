package io.dtrcoach.server.practice;

import io.vertx.core.Future;

/**
 * A turn whose reply is being spoken (the streaming hook for the live channel): the words go to the
 * {@code ReplyListener} given to {@link Turns#take(io.dtrcoach.server.auth.Caller, String,
 * String, io.dtrcoach.server.llm.ReplyListener)} as they come; {@link #reply()} completes once the turn is
 * committed.
 */
public interface TurnInProgress {
    /** The committed turn; fails with {@code SpeechCancelled} if {@link #cancel()} came first (nothing stored). */
    Future<TurnReply> reply();

    /**
     * Stops the model call (a closed browser tab). The turn is not stored unless its commit had already begun;
     * the rep can send the line again. Idempotent, callable from any thread.
     */
    void cancel();

    /**
     * Once {@link #reply()} has completed: whether the reply is one stored earlier under the same Idempotency-Key
     * (nothing was taken or spoken this time, so there is nothing new to tell anyone watching).
     */
    default boolean replayed() {
        return false;
    }
}
