package io.dtrcoach.server.llm;

import io.dtrcoach.core.persona.ReplyGuard;
import io.dtrcoach.core.persona.ReplyScreen;
import io.dtrcoach.core.persona.SentenceGate;
import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One attempt's words on their way to the rep. The word screen reads every token; while some fact is locked, each
 * sentence then waits for the check of its meaning (the embedding model, on a worker thread), and sentences are shown
 * in order as they pass. Used on the reply's context only.
 */
final class GuardedRelease {
    /** What the run hears of a sentence whose meaning was checked after the token that brought it. */
    interface Checks {
        /** Whether the attempt is still the current one; a check finishing after it is ignored. */
        boolean current();

        void rejected(ReplyGuard.Verdict.Rejected rejection);

        void failed(Throwable cause);
    }

    private final Context context;
    private final ReplyScreen screen;
    /** Present while some fact is locked: each sentence waits in {@link #gate} for its check. */
    private final Optional<ReplyGuard.Meaning> meaning;
    private final ShownText shown;
    private final Checks listener;
    private final SentenceGate gate = new SentenceGate();
    /** The sentence checks, in order; each shows its sentence once it passes. */
    private Future<Void> checks = Future.succeededFuture();

    GuardedRelease(Context context, ReplyScreen screen, Optional<ReplyGuard.Meaning> meaning, ShownText shown,
                   Checks listener) {
        this.context = context;
        this.screen = screen;
        this.meaning = meaning;
        this.shown = shown;
        this.listener = listener;
    }

    /** Screens a token; its words are released unless the screen rejects the reply, which is returned. */
    Optional<ReplyGuard.Verdict.Rejected> offer(String token) {
        if (screen.offer(token) instanceof ReplyGuard.Verdict.Rejected r) {
            return Optional.of(r);
        }
        release(screen.takeReleasable());
        return Optional.empty();
    }

    /** The model stopped: the screen's last word on the whole reply ({@code tokenLimit}: it was cut off). */
    Optional<ReplyGuard.Verdict.Rejected> finish(boolean tokenLimit) {
        ReplyGuard.Verdict v = tokenLimit
                ? new ReplyGuard.Verdict.Rejected(ReplyGuard.Reason.TOO_LONG, "stopped at the token limit")
                : screen.finish();
        return v instanceof ReplyGuard.Verdict.Rejected r ? Optional.of(r) : Optional.empty();
    }

    /** After an accepted {@link #finish}: releases what is left; completes once every sentence has been shown. */
    Future<Void> releaseRest() {
        release(screen.takeReleasable());
        String last = meaning.isPresent() ? gate.rest() : "";
        if (!last.isBlank()) {
            check(last);
        }
        return checks;
    }

    /** Text the word check let through: shown now, or, while a fact is locked, once its sentence passes. */
    private void release(String text) {
        if (meaning.isEmpty()) {
            shown.add(text);
            return;
        }
        gate.add(text).forEach(this::check);
    }

    /** Queues the check of a sentence's meaning behind the earlier ones; shows it if it passes. */
    private void check(String sentence) {
        ReplyGuard.Meaning m = meaning.orElseThrow();
        checks = checks.compose(v -> context.executeBlocking(() -> m.check(sentence), false))
                .transform(ar -> {
                    if (!listener.current()) {
                        return Future.failedFuture(new SpeechCancelled());
                    }
                    if (ar.failed()) {
                        listener.failed(ar.cause());
                        return Future.failedFuture(ar.cause());
                    }
                    if (ar.result() instanceof ReplyGuard.Verdict.Rejected r) {
                        listener.rejected(r);
                        return Future.failedFuture(new SpeechCancelled());
                    }
                    shown.add(sentence);
                    return Future.succeededFuture();
                });
    }
}
