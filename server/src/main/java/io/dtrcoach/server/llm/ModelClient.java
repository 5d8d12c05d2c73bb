package io.dtrcoach.server.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.List;

/**
 * One way of asking a model for a reply (streaming or blocking, OpenAI-compatible or Ollama) behind one
 * callback shape, so that {@link LlmSpeaker} handles both the same way. Callbacks may arrive on any thread,
 * at most one of {@code complete}/{@code error} per call, and none of them after {@link Call#cancel()} matters.
 */
interface ModelClient {
    Call start(List<ChatMessage> messages, Events events);

    interface Events {
        void token(String text);

        void complete(ChatResponse response);

        void error(Throwable error);
    }

    interface Call {
        /** Stops the model call as far as the transport allows; idempotent. */
        void cancel();
    }
}
