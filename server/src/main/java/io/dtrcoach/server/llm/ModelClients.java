package io.dtrcoach.server.llm;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the LangChain4j model for a configuration. LangChain4j's own retries are off ({@code maxRetries(0)}):
 * the speaker retries with backoff and counts failures for its circuit breaker, and two retry loops would
 * multiply. Timeouts go to the HTTP client (connect; read = time to response headers); the first-token and
 * total timeouts are the speaker's, since a stream has no read timeout once headers arrive.
 */
final class ModelClients {
    /** An OpenAI-compatible server without auth still needs some bearer value for the client to build. */
    static final String NO_KEY = "not-needed";

    private ModelClients() {
    }

    static ModelClient create(LlmConfig config, ExecutorService blockingWorkers) {
        return switch (config.provider()) {
            case OPENAI -> config.streaming() ? new StreamingModelClient(openAiStreaming(config))
                    : new BlockingModelClient(openAi(config), blockingWorkers);
            case OLLAMA -> config.streaming() ? new StreamingModelClient(ollamaStreaming(config))
                    : new BlockingModelClient(ollama(config), blockingWorkers);
            case NONE -> throw new IllegalStateException("no language model is configured");
        };
    }

    private static JdkHttpClientBuilder http(LlmConfig config) {
        // HTTP/1.1: local model servers (llama.cpp, Ollama) do not all speak h2c, and the upgrade costs a round trip.
        return new JdkHttpClientBuilder()
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.totalTimeout());
    }

    static OpenAiChatModel openAi(LlmConfig config) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(http(config))
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey().orElse(NO_KEY))
                .modelName(config.model())
                .maxRetries(0)
                .build();
    }

    static OpenAiStreamingChatModel openAiStreaming(LlmConfig config) {
        return OpenAiStreamingChatModel.builder()
                .httpClientBuilder(http(config))
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey().orElse(NO_KEY))
                .modelName(config.model())
                .build();
    }

    /** Ollama has no auth of its own; a key is sent as a bearer token for a proxy in front of it. */
    private static Map<String, String> auth(LlmConfig config) {
        return config.apiKey().map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of());
    }

    static OllamaChatModel ollama(LlmConfig config) {
        return OllamaChatModel.builder()
                .httpClientBuilder(http(config))
                .baseUrl(config.baseUrl())
                .customHeaders(auth(config))
                .modelName(config.model())
                .maxRetries(0)
                .build();
    }

    static OllamaStreamingChatModel ollamaStreaming(LlmConfig config) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(http(config))
                .baseUrl(config.baseUrl())
                .customHeaders(auth(config))
                .modelName(config.model())
                .build();
    }
}
