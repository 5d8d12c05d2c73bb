package io.dtrcoach.server.llm;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the server reaches a language model. Read from the merged configuration under the same names as the
 * environment variables (the config layer passes env vars, the config file and defaults as one map):
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>DTR_LLM_PROVIDER</td><td>none</td><td>{@code openai} (any OpenAI-compatible chat endpoint),
 *       {@code ollama} (Ollama's native API) or {@code none} (LLM personas unavailable)</td></tr>
 *   <tr><td>DTR_LLM_BASE_URL</td><td>https://api.openai.com/v1 / http://localhost:11434</td><td>endpoint</td></tr>
 *   <tr><td>DTR_LLM_API_KEY</td><td>(none)</td><td>bearer key; required for api.openai.com</td></tr>
 *   <tr><td>DTR_LLM_MODEL</td><td>(required)</td><td>model name, e.g. {@code gpt-4o-mini}, {@code llama3.2}</td></tr>
 *   <tr><td>DTR_LLM_CONNECT_TIMEOUT_MS</td><td>2000</td><td>TCP connect</td></tr>
 *   <tr><td>DTR_LLM_FIRST_TOKEN_TIMEOUT_MS</td><td>5000</td><td>request sent → first token, per attempt</td></tr>
 *   <tr><td>DTR_LLM_TIMEOUT_MS</td><td>30000</td><td>the whole reply, retries and regeneration included</td></tr>
 *   <tr><td>DTR_LLM_MAX_RETRIES</td><td>2</td><td>extra attempts after a 429/5xx/timeout/broken stream</td></tr>
 *   <tr><td>DTR_LLM_RETRY_BACKOFF_MS</td><td>250</td><td>first backoff; doubles per retry (with jitter)</td></tr>
 *   <tr><td>DTR_LLM_STREAMING</td><td>true</td><td>stream tokens; {@code false} for endpoints that stream badly</td></tr>
 *   <tr><td>DTR_LLM_BREAKER_FAILURES</td><td>5</td><td>consecutive failed calls that open the circuit</td></tr>
 *   <tr><td>DTR_LLM_BREAKER_OPEN_MS</td><td>30000</td><td>how long an open circuit fails fast before a trial call</td></tr>
 *   <tr><td>DTR_LLM_MAX_REPLY_CHARS</td><td>600</td><td>longer replies are rejected by the guard</td></tr>
 * </table>
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

        static Provider parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "openai" -> OPENAI;
                case "ollama" -> OLLAMA;
                case "none", "" -> NONE;
                default -> throw new LlmConfigInvalid(PROVIDER, "'" + value + "' is not one of openai, ollama, none");
            };
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

    /** No model: LLM personas are unavailable, everything else works. */
    public static LlmConfig none() {
        return from(Map.of());
    }

    public static LlmConfig from(JsonObject config) {
        return from(config.getMap());
    }

    /** Reads the {@code DTR_LLM_*} keys; values may be strings (env) or numbers/booleans (config file). */
    public static LlmConfig from(Map<String, ?> values) {
        Provider provider = Provider.parse(string(values, PROVIDER).orElse("none"));
        String defaultUrl = provider == Provider.OLLAMA ? OLLAMA_DEFAULT_URL : OPENAI_DEFAULT_URL;
        String baseUrl = string(values, BASE_URL).orElse(defaultUrl).replaceAll("/+$", "");
        return new LlmConfig(provider, baseUrl, string(values, API_KEY), string(values, MODEL).orElse(""),
                millis(values, CONNECT_TIMEOUT_MS, 2_000), millis(values, FIRST_TOKEN_TIMEOUT_MS, 5_000),
                millis(values, TIMEOUT_MS, 30_000), integer(values, MAX_RETRIES, 2),
                millis(values, RETRY_BACKOFF_MS, 250), bool(values, STREAMING, true),
                integer(values, BREAKER_FAILURES, 5), millis(values, BREAKER_OPEN_MS, 30_000),
                integer(values, MAX_REPLY_CHARS, 600));
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

    private static Optional<String> string(Map<String, ?> values, String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v).strip()).filter(s -> !s.isEmpty());
    }

    private static int integer(Map<String, ?> values, String key, int fallback) {
        Optional<String> s = string(values, key);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.get());
        } catch (NumberFormatException e) {
            throw new LlmConfigInvalid(key, "'" + s.get() + "' is not a whole number");
        }
    }

    private static Duration millis(Map<String, ?> values, String key, long fallback) {
        Optional<String> s = string(values, key);
        if (s.isEmpty()) {
            return Duration.ofMillis(fallback);
        }
        try {
            return Duration.ofMillis(Long.parseLong(s.get()));
        } catch (NumberFormatException e) {
            throw new LlmConfigInvalid(key, "'" + s.get() + "' is not a number of milliseconds");
        }
    }

    private static boolean bool(Map<String, ?> values, String key, boolean fallback) {
        Optional<String> s = string(values, key);
        if (s.isEmpty()) {
            return fallback;
        }
        return switch (s.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new LlmConfigInvalid(key, "'" + s.get() + "' is not true or false");
        };
    }

    private static void positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new LlmConfigInvalid(key, "must be positive, was " + d.toMillis() + "ms");
        }
    }
}
