package io.dtrcoach.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dtrcoach.server.auth.SsoClaims;
import io.dtrcoach.server.llm.LlmConfig;
import io.dtrcoach.server.llm.LlmConfigInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@link ServerConfig} from four layers, later winning: the defaults below, a YAML or JSON config file
 * (flat or nested keys: {@code db.url} or {@code db: {url: …}}), {@code DTR_*} environment variables
 * ({@code db.pool-size} ↔ {@code DTR_DB_POOL_SIZE}) and command-line flags. Every setting is read here and nowhere
 * else: its default is in {@link #DEFAULTS}, its row in {@code docs/admins/configuration.md} (which
 * {@code ConfigurationDocTest} holds to this class). A blank number, flag or duration means its default.
 */
public final class ConfigLoader {
    /** Every key with its default; the order is the order of the configuration table. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "0.0.0.0");
        d.put("port", "8080");
        d.put("data", "./data");
        d.put("db.url", "");
        d.put("db.user", "");
        d.put("db.password", "");
        d.put("db.pool-size", "10");
        d.put("scenarios", "");
        d.put("admin.password", "");
        d.put("demo", "false");
        d.put("cookie.secure", "false");
        d.put("trust-forwarded-headers", "false");
        d.put("session.ttl", "PT12H");
        d.put("practice.expire-after", "PT24H");
        d.put("login.max-failures-per-account", "5");
        d.put("login.max-failures-per-address", "20");
        d.put("login.window", "PT15M");
        d.put("password.iterations", "210000");
        d.put("login.passwords", "true");
        // Single sign-on through OpenID Connect (see SsoConfig); an empty issuer leaves it off.
        d.put("sso.issuer", "");
        d.put("sso.client-id", "");
        d.put("sso.client-secret", "");
        d.put("sso.redirect-uri", "");
        d.put("sso.scopes", "openid profile email");
        d.put("sso.username-claim", "preferred_username");
        d.put("sso.role-claim", "dtr_role");
        d.put("sso.team-claim", "dtr_team");
        d.put("sso.label", "Sign in with single sign-on");
        d.put("worker.pool-size", "16");
        d.put("http.instances", "0");
        d.put("dev", "false");
        d.put("cluster.members", "");
        d.put("cluster.port", "5701");
        d.put("cluster.host", "");
        d.put("cluster.event-bus-port", "0");
        // Language model for LLM personas (see LlmConfig); an empty base URL means the provider's default.
        d.put("llm.provider", "none");
        d.put("llm.base-url", "");
        d.put("llm.api-key", "");
        d.put("llm.model", "");
        d.put("llm.connect-timeout-ms", "2000");
        d.put("llm.first-token-timeout-ms", "5000");
        d.put("llm.timeout-ms", "30000");
        d.put("llm.max-retries", "2");
        d.put("llm.retry-backoff-ms", "250");
        d.put("llm.streaming", "true");
        d.put("llm.breaker-failures", "5");
        d.put("llm.breaker-open-ms", "30000");
        d.put("llm.max-reply-chars", "600");
        // Email reminders (see MailSettings): off by default.
        d.put("mail.enabled", "false");
        d.put("mail.host", "localhost");
        d.put("mail.port", "25");
        d.put("mail.username", "");
        d.put("mail.password", "");
        d.put("mail.from", "");
        d.put("mail.starttls", "optional");
        d.put("mail.ssl", "false");
        d.put("mail.check-every", "PT5M");
        d.put("mail.due-soon", "P2D");
        d.put("mail.base-url", "");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static String envName(String key) {
        return "DTR_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * One setting for a command that takes no config file (the trainers' commands, the load generator): its flag if
     * given, else its environment variable, else its default.
     */
    public String value(String key, Optional<String> flag) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("no setting '" + key + "'");
        }
        return flag.or(() -> Optional.ofNullable(env.get(envName(key)))).orElse(DEFAULTS.get(key));
    }

    /**
     * @param configFile the file named by {@code --config}; when empty, {@code DTR_CONFIG} is used if set
     * @param flags      values given on the command line, by key
     */
    public ServerConfig load(Optional<Path> configFile, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Optional<Path> file = configFile.or(() -> Optional.ofNullable(env.get("DTR_CONFIG"))
                .filter(s -> !s.isBlank()).map(Path::of));
        file.ifPresent(f -> values.putAll(readFile(f)));
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                values.put(key, v);
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return build(values);
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigInvalid("config file " + file + " cannot be read");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigInvalid("config file " + file + " is not valid YAML or JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigInvalid("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigInvalid("config file " + file + " must be a mapping of keys to values");
            }
            flatten("", root, out);
        }
        for (String key : out.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new ConfigInvalid("config file " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", DEFAULTS.keySet()) + ")");
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out);
            } else {
                out.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
    }

    private static ServerConfig build(Map<String, String> v) {
        return new ServerConfig(
                v.get("host"),
                integer(v, "port"),
                Path.of(v.get("data")),
                optional(v, "db.url"),
                optional(v, "db.user"),
                optional(v, "db.password"),
                integer(v, "db.pool-size"),
                optional(v, "scenarios").map(Path::of),
                optional(v, "admin.password"),
                bool(v, "demo"),
                bool(v, "cookie.secure"),
                bool(v, "trust-forwarded-headers"),
                duration(v, "session.ttl"),
                duration(v, "practice.expire-after"),
                integer(v, "login.max-failures-per-account"),
                integer(v, "login.max-failures-per-address"),
                duration(v, "login.window"),
                integer(v, "password.iterations"),
                integer(v, "worker.pool-size"),
                integer(v, "http.instances"),
                bool(v, "dev"),
                new ClusterConfig(ClusterConfig.parseMembers(v.get("cluster.members")), integer(v, "cluster.port"),
                        optional(v, "cluster.host"), integer(v, "cluster.event-bus-port")),
                llm(v),
                bool(v, "login.passwords"),
                sso(v),
                new MailSettings(bool(v, "mail.enabled"), v.get("mail.host").strip(), integer(v, "mail.port"),
                        optional(v, "mail.username"), optional(v, "mail.password"), v.get("mail.from").strip(),
                        typed(v, "mail.starttls"), bool(v, "mail.ssl"), duration(v, "mail.check-every"),
                        duration(v, "mail.due-soon"), optional(v, "mail.base-url")));
    }

    /** The {@code sso.*} keys; {@link SsoConfig} checks that they go together. */
    private static SsoConfig sso(Map<String, String> v) {
        List<String> scopes = Arrays.stream(typed(v, "sso.scopes").split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        SsoClaims claims;
        try {
            claims = new SsoClaims(typed(v, "sso.username-claim"), typed(v, "sso.role-claim"),
                    typed(v, "sso.team-claim"));
        } catch (IllegalArgumentException e) {
            throw new ConfigInvalid("sso.*-claim: " + e.getMessage());
        }
        return new SsoConfig(optional(v, "sso.issuer"), v.get("sso.client-id"), optional(v, "sso.client-secret"),
                optional(v, "sso.redirect-uri"), scopes, claims, typed(v, "sso.label").strip());
    }

    /** The {@code llm.*} keys; {@link LlmConfig} checks that they go together. */
    private static LlmConfig llm(Map<String, String> v) {
        try {
            LlmConfig.Provider provider = LlmConfig.Provider.parse(v.get("llm.provider"));
            return new LlmConfig(provider,
                    optional(v, "llm.base-url").orElse(provider.defaultBaseUrl()).strip().replaceAll("/+$", ""),
                    optional(v, "llm.api-key").map(String::strip),
                    v.get("llm.model").strip(),
                    millis(v, "llm.connect-timeout-ms"),
                    millis(v, "llm.first-token-timeout-ms"),
                    millis(v, "llm.timeout-ms"),
                    integer(v, "llm.max-retries"),
                    millis(v, "llm.retry-backoff-ms"),
                    bool(v, "llm.streaming"),
                    integer(v, "llm.breaker-failures"),
                    millis(v, "llm.breaker-open-ms"),
                    integer(v, "llm.max-reply-chars"));
        } catch (LlmConfigInvalid e) {
            throw new ConfigInvalid(e.getMessage());
        }
    }

    private static Optional<String> optional(Map<String, String> v, String key) {
        return Optional.ofNullable(v.get(key)).filter(s -> !s.isBlank());
    }

    /** A number, flag or duration as written; a blank one means its default. */
    private static String typed(Map<String, String> v, String key) {
        String s = v.get(key).strip();
        return s.isEmpty() ? DEFAULTS.get(key) : s;
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(typed(v, key));
        } catch (NumberFormatException e) {
            throw new ConfigInvalid(key + " must be a whole number, not '" + v.get(key) + "'");
        }
    }

    private static Duration millis(Map<String, String> v, String key) {
        try {
            return Duration.ofMillis(Long.parseLong(typed(v, key)));
        } catch (NumberFormatException e) {
            throw new ConfigInvalid(key + " must be a whole number of milliseconds, not '" + v.get(key) + "'");
        }
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = typed(v, key).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigInvalid(key + " must be true or false, not '" + v.get(key) + "'");
        };
    }

    private static Duration duration(Map<String, String> v, String key) {
        String s = typed(v, key);
        try {
            if (s.matches("\\d+[smhd]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                return switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigInvalid(key + " must be a duration like 30m, 12h or PT12H, not '" + s + "'");
        }
    }
}
