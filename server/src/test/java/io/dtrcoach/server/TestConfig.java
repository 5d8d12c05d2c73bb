package io.dtrcoach.server;

import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.config.ServerConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Server configuration for in-process tests: a free port, the cheapest allowed password hashing. */
public final class TestConfig {
    private TestConfig() {
    }

    public static ServerConfig config(Path data) {
        return config(data, Map.of());
    }

    /** With more settings by key, e.g. {@code llm.provider}. */
    public static ServerConfig config(Path data, Map<String, String> more) {
        Map<String, String> flags = new java.util.LinkedHashMap<>(Map.of(
                "port", "0", "host", "127.0.0.1", "data", data.toString(), "password.iterations", "10000",
                "login.max-failures-per-account", "5", "login.max-failures-per-address", "8"));
        flags.putAll(more);
        return new ConfigLoader(Map.of()).load(Optional.empty(), flags);
    }
}
