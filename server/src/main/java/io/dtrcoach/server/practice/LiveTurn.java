package io.dtrcoach.server.practice;

import io.dtrcoach.server.llm.Speech;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.atomic.AtomicBoolean;

/** A turn being taken; a cancel before the model is asked stops it there, after that it stops the model. */
final class LiveTurn implements TurnInProgress {
    private final Promise<TurnReply> promise = Promise.promise();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Speech speech;
    private volatile boolean replayed;

    @Override
    public boolean replayed() {
        return replayed;
    }

    @Override
    public Future<TurnReply> reply() {
        return promise.future();
    }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            Speech s = speech;
            if (s != null) {
                s.cancel();
            }
        }
    }

    boolean cancelled() {
        return cancelled.get();
    }

    /** The model's speech for this turn: cancelled at once if the turn already was. */
    void attach(Speech s) {
        speech = s;
        if (cancelled.get()) {
            s.cancel();
        }
    }

    /** The reply is one stored earlier under the same Idempotency-Key. */
    void replayed(boolean value) {
        replayed = value;
    }

    void complete(AsyncResult<TurnReply> ar) {
        if (ar.succeeded()) {
            promise.tryComplete(ar.result());
        } else {
            promise.tryFail(ar.cause());
        }
    }
}
