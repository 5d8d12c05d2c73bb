package io.dtrcoach.server.llm;

import io.vertx.core.Future;

/** A reply being spoken: its outcome, and a handle to stop it (a closed browser tab). */
public interface Speech {
    /**
     * Completes with the reply (from the model or, on any failure, the scripted line); fails only with
     * {@link SpeechCancelled}.
     */
    Future<Reply> reply();

    /** Stops the model call and any retry; idempotent, callable from any thread. */
    void cancel();
}
