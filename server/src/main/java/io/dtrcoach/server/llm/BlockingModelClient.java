package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A LangChain4j {@link ChatModel}, whose call blocks: it runs on the speaker's own worker pool, never on an
 * event loop. The whole reply arrives as one token. Cancelling interrupts the worker, which makes the JDK
 * HTTP client abandon the request.
 */
final class BlockingModelClient implements ModelClient {
    private final ChatModel model;
    private final ExecutorService workers;

    BlockingModelClient(ChatModel model, ExecutorService workers) {
        this.model = model;
        this.workers = workers;
    }

    @Override
    public Call start(List<ChatMessage> messages, Events events) {
        Future<?> task = workers.submit(() -> {
            ChatResponse response;
            try {
                response = model.chat(ChatRequest.builder().messages(messages).build());
            } catch (RuntimeException e) {
                events.error(e);
                return;
            }
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            if (text != null && !text.isEmpty()) {
                events.token(text);
            }
            events.complete(response);
        });
        return () -> task.cancel(true);
    }
}
