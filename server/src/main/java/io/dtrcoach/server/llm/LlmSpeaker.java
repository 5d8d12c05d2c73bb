package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.persona.LockedFactInPrompt;
import io.dtrcoach.core.persona.PersonaPrompt;
import io.dtrcoach.core.persona.ReplyGuard;
import io.dtrcoach.core.persona.ReplyScreen;
import io.dtrcoach.core.persona.SentenceGate;
import io.dtrcoach.core.scenario.Scenario;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Speaks the prospect's reply for a turn the engine has already decided. The model only writes words: the
 * prompt carries the persona, the mood, the conversation and the facts already revealed (never a locked one);
 * the {@link ReplyGuard} screens every token before the rep sees it, and, while any fact is locked, holds each
 * sentence back until its meaning has been checked against the locked facts (the embedding model, on a worker
 * thread), so the reply streams a sentence at a time. What can go wrong, and what the rep gets:
 * <ul>
 *   <li>the prompt would carry a locked fact (an author-written part names one) → nothing is sent, the scripted
 *       line, logged once ({@link Reply.Source#SCRIPTED_FALLBACK});</li>
 *   <li>reply breaks character, names or says a locked fact, is too long or empty → regenerated once, then the
 *       scripted line ({@link Reply.Source#SCRIPTED_FALLBACK});</li>
 *   <li>429, 5xx, connection failure, malformed or truncated stream, no first token within
 *       {@code firstTokenTimeout} → retried up to {@code maxRetries} times with exponential backoff and jitter,
 *       within {@code totalTimeout} for the whole reply; then the scripted line with a plain notice
 *       ({@link Reply.Source#SCRIPTED_UNAVAILABLE});</li>
 *   <li>the provider keeps failing → the circuit opens and replies fall back at once, without a request,
 *       until a trial call succeeds.</li>
 * </ul>
 * The scripted line is the fallback because it is the engine's own wording of the turn: it carries any fact
 * revealed and any ending, so the words never contradict the state the turn recorded.
 *
 * <p>Threading: nothing here blocks. Streaming calls are asynchronous in LangChain4j; blocking calls run on the
 * speaker's own worker threads; the check of meaning runs on Vert.x's worker pool. Every callback and the reply future run on the Vert.x context that called
 * {@link #speak}, so a handler can write to its socket directly.
 */
public final class LlmSpeaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlmSpeaker.class);
    static final String UNAVAILABLE_NOTICE = "The AI prospect isn't responding right now, so this reply is the "
            + "scenario's scripted line. You can carry on, or switch to the scripted persona.";
    static final String NOT_CONFIGURED = "No language model is configured on this server (set DTR_LLM_PROVIDER, "
            + "DTR_LLM_MODEL and DTR_LLM_BASE_URL); LLM personas are unavailable, scripted ones work.";
    private static final long MAX_BACKOFF_MS = 4_000;

    private final Vertx vertx;
    private final LlmConfig config;
    private final Optional<ModelClient> client;
    private final CircuitBreaker breaker;
    private final Optional<ExecutorService> workers;
    /** For the reply guard's check of meaning. */
    private final TextEmbedder embedder;

    private LlmSpeaker(Vertx vertx, LlmConfig config, Optional<ModelClient> client, LongSupplier nanoClock,
                       Optional<ExecutorService> workers, TextEmbedder embedder) {
        this.vertx = vertx;
        this.config = config;
        this.client = client;
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpen(), nanoClock);
        this.workers = workers;
        this.embedder = embedder;
    }

    /**
     * A speaker for the configured provider (or an unavailable one for {@code none}), whose reply guard checks meaning
     * with {@code embedder}. Close it at shutdown.
     */
    public static LlmSpeaker create(Vertx vertx, LlmConfig config, TextEmbedder embedder) {
        if (!config.enabled()) {
            return new LlmSpeaker(vertx, config, Optional.empty(), System::nanoTime, Optional.empty(), embedder);
        }
        ExecutorService pool = config.streaming() ? null : Executors.newCachedThreadPool(workerThreads());
        LOG.info("language model: {}", config);
        return new LlmSpeaker(vertx, config, Optional.of(ModelClients.create(config, pool)), System::nanoTime,
                Optional.ofNullable(pool), embedder);
    }

    static LlmSpeaker create(Vertx vertx, LlmConfig config, ModelClient client, LongSupplier nanoClock,
                             TextEmbedder embedder) {
        return new LlmSpeaker(vertx, config, Optional.of(client), nanoClock, Optional.empty(), embedder);
    }

    public LlmConfig config() {
        return config;
    }

    /** Whether a model is configured at all (the API's "is a model configured"). */
    public boolean configured() {
        return client.isPresent();
    }

    /** Why an LLM reply cannot be had right now (not configured, or circuit open); empty when it can. */
    public Optional<String> unavailable() {
        if (client.isEmpty()) {
            return Optional.of(NOT_CONFIGURED);
        }
        if (breaker.state() == CircuitBreaker.State.OPEN) {
            return Optional.of("The language model is failing; replies use the scripted lines until it recovers.");
        }
        return Optional.empty();
    }

    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    /**
     * Starts speaking the reply to the turn in {@code step}: the words stream to {@code listener}, the whole
     * reply completes {@link Speech#reply()}. Call it right after the engine's step; {@code history} is the
     * conversation before this turn, with the words the rep actually saw.
     */
    public Speech speak(Scenario scenario, History history, Step step, ReplyListener listener) {
        Context context = vertx.getOrCreateContext();
        Run run = new Run(context, scenario, history, step, listener);
        context.runOnContext(v -> run.start());
        return run;
    }

    /**
     * Asks the model for free text that is not the prospect speaking (the report's written debrief): the whole
     * reply, within the total timeout, through the same circuit breaker. No retries and no persona guard; fails with
     * {@link LlmUnavailable} when there is no model, its circuit is open, or the call fails.
     */
    public Future<String> write(List<ChatMessage> messages) {
        Optional<String> why = unavailable();
        if (why.isPresent() || !breaker.tryAcquire()) {
            return Future.failedFuture(new LlmUnavailable(why.orElse("The language model is failing; try again later.")));
        }
        Context context = vertx.getOrCreateContext();
        Promise<String> promise = Promise.promise();
        // The first outcome wins (the timer may fire on another thread). The breaker is told before the caller
        // hears, so whoever sees the result also sees the circuit it left.
        AtomicBoolean settled = new AtomicBoolean();
        BiConsumer<Runnable, Future<String>> settle = (record, outcome) -> {
            if (settled.compareAndSet(false, true)) {
                record.run();
                promise.handle(outcome);
            }
        };
        StringBuilder text = new StringBuilder();
        ModelClient.Events events = new ModelClient.Events() {
            @Override
            public void token(String piece) {
                context.runOnContext(v -> text.append(piece));
            }

            @Override
            public void complete(ChatResponse response) {
                context.runOnContext(v -> {
                    String all = text.length() > 0 || response == null || response.aiMessage() == null
                            ? text.toString() : response.aiMessage().text();
                    if (all == null || all.isBlank()) {
                        // counted only if the call had not already failed (timed out) on its own
                        settle.accept(breaker::onFailure, Future.failedFuture(
                                new LlmUnavailable("The language model gave an empty answer; try again.")));
                    } else {
                        settle.accept(breaker::onSuccess, Future.succeededFuture(all.strip()));
                    }
                });
            }

            @Override
            public void error(Throwable error) {
                context.runOnContext(v -> settle.accept(breaker::onFailure, Future.failedFuture(new LlmUnavailable(
                        "The language model did not answer (" + describe(error) + "); try again later."))));
            }
        };
        ModelClient.Call call;
        try {
            call = client.get().start(messages, events);
        } catch (RuntimeException e) {
            // e.g. the worker pool is shut down: a failed call, which also ends a half-open trial it reserved
            breaker.onFailure();
            return Future.failedFuture(new LlmUnavailable("The language model could not be called (" + describe(e)
                    + "); try again later."));
        }
        long timer = vertx.setTimer(config.totalTimeout().toMillis(), t -> settle.accept(() -> {
            call.cancel();
            breaker.onFailure();
        }, Future.failedFuture(new LlmUnavailable("The language model took too long; try again later."))));
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    @Override
    public void close() {
        workers.ifPresent(ExecutorService::shutdownNow);
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dtr-llm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One reply: a small state machine whose every step runs on {@code context}. */
    private final class Run implements Speech {
        private final Context context;
        private final History history;
        private final Step step;
        private final ReplyListener listener;
        private final PersonaPrompt prompt;
        private final ReplyGuard guard;
        private final Promise<Reply> promise = Promise.promise();
        private final List<String> incidents = new ArrayList<>();
        private final StringBuilder shown = new StringBuilder();

        private long deadline;
        private long totalTimer = -1;
        private long attemptTimer = -1;
        private int attempt;
        private int modelCalls;
        private int retries;
        private boolean regenerated;
        private boolean acquired;
        /** Whether the current attempt has produced any token (for logs: where a failure happened). */
        private boolean gotToken;
        /** When the current attempt's last token came ({@link System#nanoTime()}), for the stall watch. */
        private long lastTokenAt;
        private ModelClient.Call call;
        private ReplyScreen screen;
        /** Present while some fact is locked: each sentence waits in {@link #gate} for its check. */
        private final Optional<ReplyGuard.Meaning> meaning;
        private SentenceGate gate;
        /** The current attempt's sentence checks, in order; each shows its sentence once it passes. */
        private Future<Void> checks;
        private List<ChatMessage> messages;
        private boolean done;

        Run(Context context, Scenario scenario, History history, Step step, ReplyListener listener) {
            this.context = context;
            this.history = history;
            this.step = step;
            this.listener = listener;
            this.prompt = PersonaPrompt.create(scenario);
            this.guard = ReplyGuard.create(scenario, config.maxReplyChars(), embedder);
            this.meaning = guard.meaning(step.after().revealed());
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
                scripted(Reply.Source.SCRIPTED_UNAVAILABLE, Optional.of(NOT_CONFIGURED));
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
            screen = guard.screen(step.after().revealed());
            gate = new SentenceGate();
            checks = Future.succeededFuture();
            // Streaming: the first token must come quickly. Blocking: the whole reply is the first token.
            armTokenTimer(id, config.streaming() ? config.firstTokenTimeout().toMillis()
                    : config.totalTimeout().toMillis(), true);
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
                lastTokenAt = System.nanoTime();
                if (!gotToken) {
                    watchStall(id, config.firstTokenTimeout().toMillis());
                }
            }
            gotToken = true;
            ReplyGuard.Verdict v = screen.offer(text);
            if (v instanceof ReplyGuard.Verdict.Rejected r) {
                stopAttempt();
                succeeded();
                rejected(r);
                return;
            }
            release(id, screen.takeReleasable());
        }

        /** Text the word check let through: shown now, or, while a fact is locked, once its sentence passes. */
        private void release(int id, String text) {
            if (meaning.isEmpty()) {
                show(text);
                return;
            }
            gate.add(text).forEach(sentence -> check(id, sentence));
        }

        /** Queues the check of a sentence's meaning behind the attempt's earlier ones; shows it if it passes. */
        private void check(int id, String sentence) {
            ReplyGuard.Meaning m = meaning.orElseThrow();
            checks = checks.compose(v -> context.executeBlocking(() -> m.check(sentence), false))
                    .transform(ar -> {
                        if (id != attempt || done) {
                            return Future.failedFuture(new SpeechCancelled());
                        }
                        if (ar.failed()) {
                            LOG.warn("turn {}: the check of meaning failed, using the scripted line",
                                    step.turn().number(), ar.cause());
                            incidents.add("meaning check failed: " + describe(ar.cause()));
                            stopAttempt();
                            succeeded();
                            scripted(Reply.Source.SCRIPTED_FALLBACK, Optional.empty());
                            return Future.failedFuture(ar.cause());
                        }
                        if (ar.result() instanceof ReplyGuard.Verdict.Rejected r) {
                            stopAttempt();
                            succeeded();
                            rejected(r);
                            return Future.failedFuture(new SpeechCancelled());
                        }
                        show(sentence);
                        return Future.succeededFuture();
                    });
        }

        private void armTokenTimer(int id, long millis, boolean first) {
            cancelTimer(attemptTimer);
            // Not clamped to the deadline: the total timer owns that, and reports it as such.
            long wait = Math.max(1, millis);
            attemptTimer = vertx.setTimer(wait, t -> {
                if (id == attempt && !done) {
                    attemptTimer = -1;
                    failed(id, new NoTokenTimeout(wait, first));
                }
            });
        }

        /**
         * Replaces the first-token timer once tokens flow: one timer per stall period rather than one per token
         * (the token path stays free of timer churn); it re-arms itself for what is left since the last token.
         */
        private void watchStall(int id, long millis) {
            cancelTimer(attemptTimer);
            attemptTimer = vertx.setTimer(Math.max(1, millis), t -> {
                if (id != attempt || done) {
                    return;
                }
                attemptTimer = -1;
                long stall = config.firstTokenTimeout().toMillis();
                long quiet = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastTokenAt);
                if (quiet >= stall) {
                    failed(id, new NoTokenTimeout(stall, false));
                } else {
                    watchStall(id, stall - quiet);
                }
            });
        }

        private void onComplete(int id, ChatResponse response) {
            if (id != attempt || done) {
                return;
            }
            cancelTimer(attemptTimer);
            attemptTimer = -1;
            FinishReason finish = response == null ? null : response.finishReason();
            if (finish == null && config.streaming()) {
                // A stream that ends without a finish reason was cut off ([DONE] or done:true never came).
                failed(id, new TruncatedStream());
                return;
            }
            ReplyGuard.Verdict v = finish == FinishReason.LENGTH
                    ? new ReplyGuard.Verdict.Rejected(ReplyGuard.Reason.TOO_LONG, "stopped at the token limit")
                    : screen.finish();
            succeeded();
            if (v instanceof ReplyGuard.Verdict.Rejected r) {
                rejected(r);
                return;
            }
            release(id, screen.takeReleasable());
            String last = meaning.isPresent() ? gate.rest() : "";
            if (!last.isBlank()) {
                check(id, last);
            }
            checks.onSuccess(x -> {
                if (id == attempt && !done) {
                    finish(new Reply(shown.toString().strip(),
                            regenerated ? Reply.Source.MODEL_REGENERATED : Reply.Source.MODEL, modelCalls,
                            Optional.empty(), incidents));
                }
            });
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
            incidents.add("call " + modelCalls + (gotToken ? " mid-stream" : "") + ": " + describe(error));
            long backoff = backoffMillis(retries + 1);
            if (retryable(error) && retries < config.maxRetries() && remainingMillis() > backoff) {
                retries++;
                restartShown();
                attemptTimer = vertx.setTimer(Math.max(1, backoff), t -> {
                    attemptTimer = -1;
                    send();
                });
                return;
            }
            unavailable();
        }

        private void rejected(ReplyGuard.Verdict.Rejected r) {
            incidents.add("guard: " + r.reason() + " (" + r.detail() + ")");
            if (!regenerated && remainingMillis() > 0) {
                regenerated = true;
                restartShown();
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
            scripted(Reply.Source.SCRIPTED_UNAVAILABLE, Optional.of(UNAVAILABLE_NOTICE));
        }

        private void scripted(Reply.Source source, Optional<String> notice) {
            restartShown();
            String line = step.turn().prospect();
            shown.append(line);
            tell(() -> listener.onToken(line));
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

        private void show(String text) {
            String out = shown.length() == 0 ? text.stripLeading() : text;
            if (!out.isEmpty()) {
                shown.append(out);
                tell(() -> listener.onToken(out));
            }
        }

        private void restartShown() {
            if (shown.length() > 0) {
                shown.setLength(0);
                tell(listener::onRestart);
            }
        }

        /** A failing listener (a socket gone bad) must not leave the reply future hanging. */
        private void tell(Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("turn {}: reply listener failed", step.turn().number(), e);
            }
        }

        private void succeeded() {
            if (acquired) {
                breaker.onSuccess();
                acquired = false;
            }
        }

        /** Stops the current model call and its timer; its late callbacks are ignored by attempt id. */
        private void stopAttempt() {
            cancelTimer(attemptTimer);
            attemptTimer = -1;
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
    }

    /** Exponential backoff with jitter (50–100% of the step) so that many reps do not retry in lockstep. */
    long backoffMillis(int retry) {
        long base = config.retryBackoff().toMillis();
        long step = Math.min(MAX_BACKOFF_MS, base << Math.min(10, retry - 1));
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    /** Worth another try: rate limits, server errors, timeouts, broken transport or payload. */
    static boolean retryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                int s = h.statusCode();
                return s == 408 || s == 429 || s >= 500;
            }
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }

    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return "HTTP " + h.statusCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String msg = error.getMessage();
        return error.getClass().getSimpleName() + (msg == null ? "" : ": " + abbreviate(msg));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    /** No first token in time (the whole reply, for a blocking call), or a stream that stalled. */
    static final class NoTokenTimeout extends RuntimeException {
        NoTokenTimeout(long millis, boolean first) {
            super((first ? "no first token within " : "stream stalled for ") + millis + "ms");
        }
    }

    /** The stream ended without its end marker. */
    static final class TruncatedStream extends RuntimeException {
        TruncatedStream() {
            super("stream ended without a finish reason");
        }
    }
}
