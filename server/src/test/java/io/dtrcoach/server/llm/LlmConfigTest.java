package io.dtrcoach.server.llm;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmConfigTest {
    @Test
    void should_default_to_no_model_with_sane_timeouts() {
        LlmConfig c = LlmConfig.from(Map.of());
        assertThat(c.provider()).isEqualTo(LlmConfig.Provider.NONE);
        assertThat(c.enabled()).isFalse();
        assertThat(c.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.totalTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxRetries()).isEqualTo(2);
        assertThat(c.streaming()).isTrue();
    }

    @Test
    void should_read_environment_strings() {
        LlmConfig c = LlmConfig.from(Map.of(
                "DTR_LLM_PROVIDER", "Ollama", "DTR_LLM_MODEL", "llama3.2", "DTR_LLM_TIMEOUT_MS", "12000",
                "DTR_LLM_FIRST_TOKEN_TIMEOUT_MS", "3000", "DTR_LLM_MAX_RETRIES", "1", "DTR_LLM_STREAMING", "false"));
        assertThat(c.provider()).isEqualTo(LlmConfig.Provider.OLLAMA);
        assertThat(c.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(c.model()).isEqualTo("llama3.2");
        assertThat(c.totalTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.maxRetries()).isEqualTo(1);
        assertThat(c.streaming()).isFalse();
    }

    @Test
    void should_read_typed_values_from_a_json_config_and_trim_the_base_url() {
        LlmConfig c = LlmConfig.from(new JsonObject().put("DTR_LLM_PROVIDER", "openai")
                .put("DTR_LLM_BASE_URL", "http://localhost:8080/v1/").put("DTR_LLM_MODEL", "qwen")
                .put("DTR_LLM_MAX_RETRIES", 0).put("DTR_LLM_BREAKER_FAILURES", 3));
        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080/v1");
        assertThat(c.apiKey()).isEmpty();
        assertThat(c.maxRetries()).isZero();
        assertThat(c.breakerFailures()).isEqualTo(3);
    }

    @Test
    void should_name_the_setting_that_is_wrong() {
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_PROVIDER", "anthropic")))
                .isInstanceOf(LlmConfigInvalid.class).hasMessageContaining("openai, ollama, none")
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.PROVIDER);
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_PROVIDER", "ollama")))
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.MODEL);
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_PROVIDER", "openai", "DTR_LLM_MODEL", "gpt-4o-mini")))
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.API_KEY);
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_TIMEOUT_MS", "soon")))
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.TIMEOUT_MS);
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_FIRST_TOKEN_TIMEOUT_MS", "0")))
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.FIRST_TOKEN_TIMEOUT_MS);
        assertThatThrownBy(() -> LlmConfig.from(Map.of("DTR_LLM_PROVIDER", "ollama", "DTR_LLM_MODEL", "m",
                "DTR_LLM_BASE_URL", "localhost:11434")))
                .extracting(e -> ((LlmConfigInvalid) e).key()).isEqualTo(LlmConfig.BASE_URL);
    }

    @Test
    void should_never_print_the_api_key() {
        LlmConfig c = LlmConfig.from(Map.of("DTR_LLM_PROVIDER", "openai", "DTR_LLM_MODEL", "gpt-4o-mini",
                "DTR_LLM_API_KEY", "sk-secret-123"));
        assertThat(c.apiKey()).isEqualTo(Optional.of("sk-secret-123"));
        assertThat(c.toString()).doesNotContain("sk-secret-123").contains("apiKey=***");
    }
}
