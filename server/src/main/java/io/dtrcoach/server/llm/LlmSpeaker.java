package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.persona.History;
import io.dtrcoach.core.persona.PersonaPrompt;
import io.dtrcoach.core.persona.ReplyGuard;
import io.dtrcoach.core.scenario.Scenario;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Each reply is a {@link SpeechRun}; {@link RetryPolicy} decides retries, {@link GuardedRelease} what is shown,
 * {@link DebriefWriter} asks for the report's debrief.
 *
 * <p>Threading: nothing here blocks. Streaming calls are asynchronous in LangChain4j; blocking calls run on the
 * speaker's own worker threads; the check of meaning runs on Vert.x's worker pool. Every callback and the reply
 * future run on the Vert.x context that called {@link #speak}, so a handler can write to its socket directly.
 */
public final class LlmSpeaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlmSpeaker.class);
    static final String UNAVAILABLE_NOTICE = "The AI prospect isn't responding right now, so this reply is the "
            + "scenario's scripted line. You can carry on, or switch to the scripted persona.";
    static final String NOT_CONFIGURED = "No language model is configured on this server (set DTR_LLM_PROVIDER, "
            + "DTR_LLM_MODEL and DTR_LLM_BASE_URL); LLM personas are unavailable, scripted ones work.";

    /** What every reply of this speaker shares. */
    record Parts(Vertx vertx, LlmConfig config, Optional<ModelClient> client, CircuitBreaker breaker,
                 RetryPolicy retry) {
    }

    private final Vertx vertx;
    private final LlmConfig config;
    private final Optional<ModelClient> client;
    private final CircuitBreaker breaker;
    private final Parts parts;
    private final Optional<DebriefWriter> debriefs;
    private final Optional<ExecutorService> workers;
    /** For the reply guard's check of meaning. */
    private final TextEmbedder embedder;

    private LlmSpeaker(Vertx vertx, LlmConfig config, Optional<ModelClient> client, LongSupplier nanoClock,
                       Optional<ExecutorService> workers, TextEmbedder embedder) {
        this.vertx = vertx;
        this.config = config;
        this.client = client;
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpen(), nanoClock);
        this.parts = new Parts(vertx, config, client, breaker, new RetryPolicy(config));
        this.debriefs = client.map(c -> new DebriefWriter(vertx, config, c, breaker));
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
        SpeechRun run = new SpeechRun(parts, context, PersonaPrompt.create(scenario),
                ReplyGuard.create(scenario, config.maxReplyChars(), embedder), history, step, listener);
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
        return debriefs.orElseThrow().write(messages);
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
}
