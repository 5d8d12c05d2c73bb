package io.dtrcoach.server.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the server reaches a language model: the {@code llm.*} settings, read by the configuration loader
 * ({@link io.dtrcoach.server.config.ConfigLoader}, where their defaults are; {@code docs/admins/configuration.md}
 * documents them). The record checks that the values go together; its messages name a setting by its environment
 * variable, as an admin most often sets it.
 */
public record LlmConfig(Provider provider, String baseUrl, Optional<String> apiKey, String model,
                        Duration connectTimeout, Duration firstTokenTimeout, Duration totalTimeout, int maxRetries,
                        Duration retryBackoff, boolean streaming, int breakerFailures, Duration breakerOpen,
                        int maxReplyChars) {
    public static final String PROVIDER = "DTR_LLM_PROVIDER";
    public static final String BASE_URL = "DTR_LLM_BASE_URL";
    public static final String API_KEY = "DTR_LLM_API_KEY";
    public static final String MODEL = "DTR_LLM_MODEL";
    public static final String CONNECT_TIMEOUT_MS = "DTR_LLM_CONNECT_TIMEOUT_MS";
    public static final String FIRST_TOKEN_TIMEOUT_MS = "DTR_LLM_FIRST_TOKEN_TIMEOUT_MS";
    public static final String TIMEOUT_MS = "DTR_LLM_TIMEOUT_MS";
    public static final String MAX_RETRIES = "DTR_LLM_MAX_RETRIES";
    public static final String RETRY_BACKOFF_MS = "DTR_LLM_RETRY_BACKOFF_MS";
    public static final String STREAMING = "DTR_LLM_STREAMING";
    public static final String BREAKER_FAILURES = "DTR_LLM_BREAKER_FAILURES";
    public static final String BREAKER_OPEN_MS = "DTR_LLM_BREAKER_OPEN_MS";
    public static final String MAX_REPLY_CHARS = "DTR_LLM_MAX_REPLY_CHARS";

    public static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    public static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    public enum Provider {
        OPENAI, OLLAMA, NONE;

        public static Provider parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "openai" -> OPENAI;
                case "ollama" -> OLLAMA;
                case "none", "" -> NONE;
                default -> throw new LlmConfigInvalid(PROVIDER, "'" + value + "' is not one of openai, ollama, none");
            };
        }

        /** The endpoint when none is configured. */
        public String defaultBaseUrl() {
            return this == OLLAMA ? OLLAMA_DEFAULT_URL : OPENAI_DEFAULT_URL;
        }
    }

    public LlmConfig {
        positive(CONNECT_TIMEOUT_MS, connectTimeout);
        positive(FIRST_TOKEN_TIMEOUT_MS, firstTokenTimeout);
        positive(TIMEOUT_MS, totalTimeout);
        positive(BREAKER_OPEN_MS, breakerOpen);
        if (retryBackoff.isNegative()) {
            throw new LlmConfigInvalid(RETRY_BACKOFF_MS, "must not be negative");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new LlmConfigInvalid(MAX_RETRIES, "must be between 0 and 10, was " + maxRetries);
        }
        if (breakerFailures < 1) {
            throw new LlmConfigInvalid(BREAKER_FAILURES, "must be at least 1, was " + breakerFailures);
        }
        if (maxReplyChars < 20) {
            throw new LlmConfigInvalid(MAX_REPLY_CHARS, "must be at least 20, was " + maxReplyChars);
        }
        if (provider != Provider.NONE) {
            if (model == null || model.isBlank()) {
                throw new LlmConfigInvalid(MODEL, "is required when " + PROVIDER + " is "
                        + provider.name().toLowerCase(Locale.ROOT));
            }
            try {
                URI uri = new URI(baseUrl);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new LlmConfigInvalid(BASE_URL, "'" + baseUrl + "' is not an http(s) URL");
                }
                if (provider == Provider.OPENAI && apiKey.isEmpty() && "api.openai.com".equals(uri.getHost())) {
                    throw new LlmConfigInvalid(API_KEY, "is required for " + uri.getHost());
                }
            } catch (java.net.URISyntaxException e) {
                throw new LlmConfigInvalid(BASE_URL, "'" + baseUrl + "' is not a URL: " + e.getMessage());
            }
        }
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider.name().toLowerCase(Locale.ROOT) + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", model=" + model
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, firstTokenTimeout="
                + firstTokenTimeout.toMillis() + "ms, totalTimeout=" + totalTimeout.toMillis() + "ms, maxRetries="
                + maxRetries + ", retryBackoff=" + retryBackoff.toMillis() + "ms, streaming=" + streaming
                + ", breakerFailures=" + breakerFailures + ", breakerOpen=" + breakerOpen.toMillis()
                + "ms, maxReplyChars=" + maxReplyChars + "]";
    }

    private static void positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new LlmConfigInvalid(key, "must be positive, was " + d.toMillis() + "ms");
        }
    }
}
