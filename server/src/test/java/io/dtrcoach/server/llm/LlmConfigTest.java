package io.dtrcoach.server.llm;

import io.dtrcoach.server.config.ConfigInvalid;
import io.dtrcoach.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code llm.*} settings as the configuration loader reads them into an {@link LlmConfig}. */
class LlmConfigTest {
    /** The language model of a server whose environment is {@code env}. */
    static LlmConfig fromEnvironment(Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.empty(), Map.of()).llm();
    }

    @Test
    void should_default_to_no_model_with_sane_timeouts() {
        LlmConfig c = fromEnvironment(Map.of());
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
        LlmConfig c = fromEnvironment(Map.of(
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
    void should_read_typed_values_from_a_json_config_and_trim_the_base_url(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("dtr.json"), """
                {"llm": {"provider": "openai", "base-url": "http://localhost:8080/v1/", "model": "qwen",
                         "max-retries": 0, "breaker-failures": 3}}
                """);
        LlmConfig c = new ConfigLoader(Map.of()).load(Optional.of(file), Map.of()).llm();
        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080/v1");
        assertThat(c.apiKey()).isEmpty();
        assertThat(c.maxRetries()).isZero();
        assertThat(c.breakerFailures()).isEqualTo(3);
    }

    @Test
    void should_name_the_setting_that_is_wrong() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_PROVIDER", "anthropic")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("openai, ollama, none")
                .hasMessageStartingWith(LlmConfig.PROVIDER);
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_PROVIDER", "ollama")))
                .isInstanceOf(ConfigInvalid.class).hasMessageStartingWith(LlmConfig.MODEL);
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_PROVIDER", "openai", "DTR_LLM_MODEL", "gpt-4o-mini")))
                .isInstanceOf(ConfigInvalid.class).hasMessageStartingWith(LlmConfig.API_KEY);
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_TIMEOUT_MS", "soon")))
                .isInstanceOf(ConfigInvalid.class).hasMessageStartingWith("llm.timeout-ms");
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_FIRST_TOKEN_TIMEOUT_MS", "0")))
                .isInstanceOf(ConfigInvalid.class).hasMessageStartingWith(LlmConfig.FIRST_TOKEN_TIMEOUT_MS);
        assertThatThrownBy(() -> fromEnvironment(Map.of("DTR_LLM_PROVIDER", "ollama", "DTR_LLM_MODEL", "m",
                "DTR_LLM_BASE_URL", "localhost:11434")))
                .isInstanceOf(ConfigInvalid.class).hasMessageStartingWith(LlmConfig.BASE_URL);
    }

    @Test
    void should_never_print_the_api_key() {
        LlmConfig c = fromEnvironment(Map.of("DTR_LLM_PROVIDER", "openai", "DTR_LLM_MODEL", "gpt-4o-mini",
                "DTR_LLM_API_KEY", "sk-secret-123"));
        assertThat(c.apiKey()).isEqualTo(Optional.of("sk-secret-123"));
        assertThat(c.toString()).doesNotContain("sk-secret-123").contains("apiKey=***");
    }
}
