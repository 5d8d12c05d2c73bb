package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.persona.LockedFactInPrompt;
import io.dtrcoach.core.persona.PersonaPrompt;
import io.dtrcoach.core.persona.ReplyGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One reply being spoken (see {@link LlmSpeaker} for what can go wrong and what the rep gets): a small state machine
 * whose every step runs on {@code context}. Each model call is an attempt with its own id; callbacks of an attempt
 * that has been stopped (retried, regenerated, timed out, cancelled) are ignored by that id.
 */
final class SpeechRun implements Speech {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechRun.class);

    private final Vertx vertx;
    private final LlmConfig config;
    private final Optional<ModelClient> client;
    private final CircuitBreaker breaker;
    private final RetryPolicy retry;
    private final Context context;
    private final History history;
    private final Step step;
    private final PersonaPrompt prompt;
    private final ReplyGuard guard;
    private final ShownText shown;
    private final AttemptTimer timer;
    private final Promise<Reply> promise = Promise.promise();
    private final List<String> incidents = new ArrayList<>();

    private long deadline;
    private long totalTimer = -1;
    private int attempt;
    private int modelCalls;
    private int retries;
    private boolean regenerated;
    private boolean acquired;
    /** Whether the current attempt has produced any token (for logs: where a failure happened). */
    private boolean gotToken;
    private ModelClient.Call call;
    /** The current attempt's words on their way to the rep. */
    private GuardedRelease words;
    /** Present while some fact is locked. */
    private final Optional<ReplyGuard.Meaning> meaning;
    private List<ChatMessage> messages;
    private boolean done;

    SpeechRun(LlmSpeaker.Parts parts, Context context, PersonaPrompt prompt, ReplyGuard guard, History history,
              Step step, ReplyListener listener) {
        this.vertx = parts.vertx();
        this.config = parts.config();
        this.client = parts.client();
        this.breaker = parts.breaker();
        this.retry = parts.retry();
        this.context = context;
        this.history = history;
        this.step = step;
        this.prompt = prompt;
        this.guard = guard;
        this.shown = new ShownText(listener, step.turn().number());
        this.meaning = guard.meaning(step.after().revealed());
        this.timer = new AttemptTimer(vertx, config.firstTokenTimeout().toMillis());
    }

    @Override
    public Future<Reply> reply() {
        return promise.future();
    }

    @Override
    public void cancel() {
        context.runOnContext(v -> {
            if (done) {
                return;
            }
            done = true;
            stopAttempt();
            if (acquired) {
                breaker.onAbandoned();
                acquired = false;
            }
            cancelTimer(totalTimer);
            promise.tryFail(new SpeechCancelled());
        });
    }

    void start() {
        if (done) {
            return;
        }
        if (client.isEmpty()) {
            incidents.add("not configured");
            scripted(Reply.Source.SCRIPTED_UNAVAILABLE, Optional.of(LlmSpeaker.NOT_CONFIGURED));
            return;
        }
        try {
            messages = prompt.messages(history, step);
        } catch (LockedFactInPrompt e) {
            refused(e);
            return;
        }
        long total = config.totalTimeout().toMillis();
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(total);
        totalTimer = vertx.setTimer(total, id -> onTotalTimeout());
        send();
    }

    private void send() {
        if (done) {
            return;
        }
        if (!breaker.tryAcquire()) {
            incidents.add("circuit open");
            unavailable();
            return;
        }
        acquired = true;
        int id = ++attempt;
        modelCalls++;
        gotToken = false;
        words = new GuardedRelease(context, guard.screen(step.after().revealed()), meaning, shown, checksOf(id));
        // Streaming: the first token must come quickly. Blocking: the whole reply is the first token.
        timer.awaitFirstToken(config.streaming() ? config.firstTokenTimeout().toMillis()
                : config.totalTimeout().toMillis(), error -> failed(id, error));
        ModelClient.Events events = new ModelClient.Events() {
            @Override
            public void token(String text) {
                context.runOnContext(v -> onToken(id, text));
            }

            @Override
            public void complete(ChatResponse response) {
                context.runOnContext(v -> onComplete(id, response));
            }

            @Override
            public void error(Throwable error) {
                context.runOnContext(v -> failed(id, error));
            }
        };
        try {
            call = client.get().start(messages, events);
        } catch (RuntimeException e) {
            // e.g. the worker pool is shut down: a failed call like any other, never a stuck reply.
            failed(id, e);
        }
    }

    private void onToken(int id, String text) {
        if (id != attempt || done || text == null) {
            return;
        }
        if (config.streaming()) {
            // A stream that stalls as long as a first token may take is broken (a malformed NDJSON line
            // makes LangChain4j's Ollama client go silent instead of failing).
            timer.tokenArrived(!gotToken, error -> failed(id, error));
        }
        gotToken = true;
        words.offer(text).ifPresent(r -> {
            stopAttempt();
            succeeded();
            rejected(r);
        });
    }

    private void onComplete(int id, ChatResponse response) {
        if (id != attempt || done) {
            return;
        }
        timer.cancel();
        FinishReason finish = response == null ? null : response.finishReason();
        if (finish == null && config.streaming()) {
            // A stream that ends without a finish reason was cut off ([DONE] or done:true never came).
            failed(id, new TruncatedStream());
            return;
        }
        Optional<ReplyGuard.Verdict.Rejected> rejection = words.finish(finish == FinishReason.LENGTH);
        succeeded();
        if (rejection.isPresent()) {
            rejected(rejection.get());
            return;
        }
        words.releaseRest().onSuccess(x -> {
            if (id == attempt && !done) {
                finish(new Reply(shown.text(),
                        regenerated ? Reply.Source.MODEL_REGENERATED : Reply.Source.MODEL, modelCalls,
                        Optional.empty(), incidents));
            }
        });
    }

    /** How the checks of attempt {@code id}'s sentences end the reply when one fails or is rejected. */
    private GuardedRelease.Checks checksOf(int id) {
        return new GuardedRelease.Checks() {
            @Override
            public boolean current() {
                return id == attempt && !done;
            }

            @Override
            public void rejected(ReplyGuard.Verdict.Rejected rejection) {
                stopAttempt();
                succeeded();
                SpeechRun.this.rejected(rejection);
            }

            @Override
            public void failed(Throwable cause) {
                LOG.warn("turn {}: the check of meaning failed, using the scripted line", step.turn().number(), cause);
                incidents.add("meaning check failed: " + RetryPolicy.describe(cause));
                stopAttempt();
                succeeded();
                scripted(Reply.Source.SCRIPTED_FALLBACK, Optional.empty());
            }
        };
    }

    private void failed(int id, Throwable error) {
        if (id != attempt || done) {
            return;
        }
        stopAttempt();
        if (acquired) {
            breaker.onFailure();
            acquired = false;
        }
        incidents.add("call " + modelCalls + (gotToken ? " mid-stream" : "") + ": " + RetryPolicy.describe(error));
        long backoff = retry.backoffMillis(retries + 1);
        if (retry.allows(error, retries, backoff, remainingMillis())) {
            retries++;
            shown.restart();
            timer.after(backoff, this::send);
            return;
        }
        unavailable();
    }

    private void rejected(ReplyGuard.Verdict.Rejected r) {
        incidents.add("guard: " + r.reason() + " (" + r.detail() + ")");
        if (!regenerated && remainingMillis() > 0) {
            regenerated = true;
            shown.restart();
            try {
                messages = prompt.retry(history, step, r.reason());
            } catch (LockedFactInPrompt e) {
                refused(e);
                return;
            }
            send();
            return;
        }
        scripted(Reply.Source.SCRIPTED_FALLBACK, Optional.empty());
    }

    /** The prompt would have carried a locked fact: nothing is sent, the scripted line answers, one log line. */
    private void refused(LockedFactInPrompt e) {
        LOG.error("turn {}: prompt not sent, the scripted line answers: {}", step.turn().number(), e.getMessage());
        incidents.add("prompt refused: locked fact " + e.factId() + " in the " + e.where());
        scripted(Reply.Source.SCRIPTED_FALLBACK, Optional.empty());
    }

    private void onTotalTimeout() {
        totalTimer = -1;
        if (done) {
            return;
        }
        incidents.add("timed out after " + config.totalTimeout().toMillis() + "ms");
        stopAttempt();
        if (acquired) {
            breaker.onFailure();
            acquired = false;
        }
        unavailable();
    }

    private void unavailable() {
        LOG.warn("turn {}: model unavailable, using the scripted line: {}", step.turn().number(), incidents);
        scripted(Reply.Source.SCRIPTED_UNAVAILABLE, Optional.of(LlmSpeaker.UNAVAILABLE_NOTICE));
    }

    private void scripted(Reply.Source source, Optional<String> notice) {
        String line = step.turn().prospect();
        shown.replaceWith(line);
        finish(new Reply(line, source, modelCalls, notice, incidents));
    }

    private void finish(Reply reply) {
        if (done) {
            return;
        }
        done = true;
        stopAttempt();
        cancelTimer(totalTimer);
        if (!reply.incidents().isEmpty() && reply.source().fromModel()) {
            LOG.info("turn {}: model reply after {} calls: {}", step.turn().number(), reply.modelCalls(),
                    reply.incidents());
        }
        promise.tryComplete(reply);
    }

    private void succeeded() {
        if (acquired) {
            breaker.onSuccess();
            acquired = false;
        }
    }

    /** Stops the current model call and its timer; its late callbacks are ignored by attempt id. */
    private void stopAttempt() {
        timer.cancel();
        if (call != null) {
            call.cancel();
            call = null;
        }
        attempt++;
    }

    private long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    /** The stream ended without its end marker. */
    static final class TruncatedStream extends RuntimeException {
        TruncatedStream() {
            super("stream ended without a finish reason");
        }
    }
}
