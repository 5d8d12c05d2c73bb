package io.dtrcoach.server.config;

import io.dtrcoach.server.llm.LlmConfig;
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

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void should_take_defaults_then_file_then_environment_then_flags() throws IOException {
        Path file = Files.writeString(dir.resolve("dtr.yaml"), """
                port: 9000
                data: /srv/dtr
                db:
                  pool-size: 4
                session.ttl: 2h
                """);
        ServerConfig fromFile = new ConfigLoader(Map.of()).load(Optional.of(file), Map.of());
        assertThat(fromFile.port()).isEqualTo(9000);
        assertThat(fromFile.dbPoolSize()).isEqualTo(4);
        assertThat(fromFile.sessionTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(fromFile.host()).isEqualTo("0.0.0.0");

        ServerConfig fromEnv = new ConfigLoader(Map.of("DTR_PORT", "9100", "DTR_CONFIG", file.toString(),
                "DTR_DB_URL", "jdbc:postgresql://db/dtr")).load(Optional.empty(), Map.of());
        assertThat(fromEnv.port()).isEqualTo(9100);
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/srv/dtr"));
        assertThat(fromEnv.jdbcUrl()).isEqualTo("jdbc:postgresql://db/dtr");
        assertThat(fromEnv.embedded()).isFalse();

        ServerConfig fromFlags = new ConfigLoader(Map.of("DTR_PORT", "9100")).load(Optional.of(file), Map.of("port", "9200"));
        assertThat(fromFlags.port()).isEqualTo(9200);
    }

    @Test
    void should_run_one_http_server_per_core_unless_told_how_many() {
        assertThat(new ConfigLoader(Map.of()).load(Optional.empty(), Map.of()).httpInstancesToRun())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new ConfigLoader(Map.of("DTR_HTTP_INSTANCES", "3")).load(Optional.empty(), Map.of())
                .httpInstancesToRun()).isEqualTo(3);
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DTR_HTTP_INSTANCES", "-1")).load(Optional.empty(), Map.of()))
                .hasMessageContaining("http.instances");
    }

    @Test
    void should_default_to_h2_under_the_data_directory_on_port_8080() {
        ServerConfig c = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").contains("data").contains("WRITE_DELAY=0");
        assertThat(c.adminPassword()).isEmpty();
    }

    @Test
    void should_name_the_key_of_a_bad_value_or_an_unknown_key() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DTR_PORT", "eighty")).load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("port");
        Path file = Files.writeString(dir.resolve("bad.yaml"), "prot: 80\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("unknown key 'prot'");
    }

    @Test
    void should_read_the_language_model_from_file_environment_and_flags() throws IOException {
        ServerConfig none = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of());
        assertThat(none.llm().enabled()).isFalse();

        Path file = Files.writeString(dir.resolve("llm.yaml"), """
                llm:
                  provider: ollama
                  model: llama3.1:8b
                  timeout-ms: 20000
                """);
        ServerConfig fromFile = new ConfigLoader(Map.of()).load(Optional.of(file), Map.of());
        assertThat(fromFile.llm().provider()).isEqualTo(LlmConfig.Provider.OLLAMA);
        assertThat(fromFile.llm().baseUrl()).isEqualTo(LlmConfig.OLLAMA_DEFAULT_URL);
        assertThat(fromFile.llm().totalTimeout()).isEqualTo(Duration.ofSeconds(20));

        ServerConfig fromEnv = new ConfigLoader(Map.of("DTR_LLM_MODEL", "llama3.2", "DTR_LLM_BASE_URL",
                "http://gpu-box:11434")).load(Optional.of(file), Map.of());
        assertThat(fromEnv.llm().model()).isEqualTo("llama3.2");
        assertThat(fromEnv.llm().baseUrl()).isEqualTo("http://gpu-box:11434");

        ServerConfig fromFlags = new ConfigLoader(Map.of("DTR_LLM_MODEL", "llama3.2")).load(Optional.of(file),
                Map.of("llm.model", "qwen2.5:7b"));
        assertThat(fromFlags.llm().model()).isEqualTo("qwen2.5:7b");

        assertThatThrownBy(() -> new ConfigLoader(Map.of("DTR_LLM_PROVIDER", "openai")).load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("DTR_LLM_MODEL");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DTR_LLM_PROVIDER", "skynet")).load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("DTR_LLM_PROVIDER");
    }

    @Test
    void should_read_development_mode_like_every_other_setting() {
        assertThat(new ConfigLoader(Map.of()).load(Optional.empty(), Map.of()).dev()).isFalse();
        assertThat(new ConfigLoader(Map.of("DTR_DEV", "true")).load(Optional.empty(), Map.of()).dev()).isTrue();
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DTR_DEV", "maybe")).load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("dev");
    }

    @Test
    void should_give_one_setting_from_flag_environment_or_default_to_commands_without_a_config_file() {
        ConfigLoader loader = new ConfigLoader(Map.of("DTR_SCENARIOS", "/srv/scenarios"));
        assertThat(loader.value("scenarios", Optional.empty())).isEqualTo("/srv/scenarios");
        assertThat(loader.value("scenarios", Optional.of("mine"))).isEqualTo("mine");
        assertThat(new ConfigLoader(Map.of()).value("admin.password", Optional.empty())).isEmpty();
        assertThatThrownBy(() -> loader.value("scenario", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_take_a_blank_number_flag_or_duration_as_its_default() {
        ServerConfig c = new ConfigLoader(Map.of("DTR_PORT", " ", "DTR_LLM_STREAMING", "", "DTR_SESSION_TTL", ""))
                .load(Optional.empty(), Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.llm().streaming()).isTrue();
        assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(12));
    }
}
