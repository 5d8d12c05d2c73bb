package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Free text from the model that is not the prospect speaking (the report's written debrief): the whole reply, within
 * the total timeout, through the speaker's circuit breaker. No retries and no persona guard.
 */
final class DebriefWriter {
    private final Vertx vertx;
    private final LlmConfig config;
    private final ModelClient client;
    private final CircuitBreaker breaker;

    DebriefWriter(Vertx vertx, LlmConfig config, ModelClient client, CircuitBreaker breaker) {
        this.vertx = vertx;
        this.config = config;
        this.client = client;
        this.breaker = breaker;
    }

    /**
     * Asks for the text once the breaker has let the call go out ({@link CircuitBreaker#tryAcquire()} returned true):
     * every way this ends tells the breaker. Fails with {@link LlmUnavailable}; completes on the caller's context.
     */
    Future<String> write(List<ChatMessage> messages) {
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
                        "The language model did not answer (" + RetryPolicy.describe(error) + "); try again later."))));
            }
        };
        ModelClient.Call call;
        try {
            call = client.start(messages, events);
        } catch (RuntimeException e) {
            // e.g. the worker pool is shut down: a failed call, which also ends a half-open trial it reserved
            breaker.onFailure();
            return Future.failedFuture(new LlmUnavailable("The language model could not be called ("
                    + RetryPolicy.describe(e) + "); try again later."));
        }
        long timer = vertx.setTimer(config.totalTimeout().toMillis(), t -> settle.accept(() -> {
            call.cancel();
            breaker.onFailure();
        }, Future.failedFuture(new LlmUnavailable("The language model took too long; try again later."))));
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }
}
