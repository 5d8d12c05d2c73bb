package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;

import java.util.List;

/**
 * A LangChain4j {@link StreamingChatModel}: asynchronous already (LangChain4j's JDK HTTP client), so nothing
 * blocks the caller. Cancelling uses the {@link StreamingHandle} LangChain4j hands out with each token; a
 * call cancelled before its first token is cancelled as soon as that token arrives.
 */
final class StreamingModelClient implements ModelClient {
    private final StreamingChatModel model;

    StreamingModelClient(StreamingChatModel model) {
        this.model = model;
    }

    @Override
    public Call start(List<ChatMessage> messages, Events events) {
        StreamingCall call = new StreamingCall(events);
        try {
            model.chat(ChatRequest.builder().messages(messages).build(), call);
        } catch (RuntimeException e) {
            events.error(e);
        }
        return call;
    }

    private static final class StreamingCall implements Call, StreamingChatResponseHandler {
        private final Events events;
        private volatile boolean cancelled;
        private volatile StreamingHandle handle;

        StreamingCall(Events events) {
            this.events = events;
        }

        @Override
        public void cancel() {
            cancelled = true;
            StreamingHandle h = handle;
            if (h != null && !h.isCancelled()) {
                h.cancel();
            }
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (cancelled) {
                handle.cancel();
                return;
            }
            events.token(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (!cancelled) {
                events.complete(response);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!cancelled) {
                events.error(error);
            }
        }
    }
}
