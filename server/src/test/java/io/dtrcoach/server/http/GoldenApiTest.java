package io.dtrcoach.server.http;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dtrcoach.core.scoring.Scorer;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's answers to one fixed run, compared byte for byte with the files under
 * {@code src/test/resources/golden/api/}: log in, the catalogue, two scripted sessions (fixed seed, fixed clock, the
 * code-built test scenario, the real scorer), turns with and without an Idempotency-Key, the end, report and
 * transcript, a comment, an override, the lists and the CSV, and one request for each error status the API gives.
 * Each file holds the request, the status, the headers that matter and the body. Normalised before comparing:
 * session ids (numbered in order of appearance), login tokens, and the order of JSON object keys (the server writes
 * some objects from {@code Map.of}, whose order changes from one JVM run to the next). Everything else must match.
 * <p>
 * Re-record after a deliberate change of the API with {@code -Dgolden.record=true}, and read the diff.
 */
@ExtendWith(VertxExtension.class)
class GoldenApiTest {
    private static final Path DIR = Path.of("src/test/resources/golden/api");
    private static final boolean RECORD = Boolean.getBoolean("golden.record");
    private static final List<String> HEADERS = List.of("Content-Type", "Content-Disposition", "Allow", "Retry-After",
            "WWW-Authenticate", "Location", "Cache-Control", "X-Content-Type-Options");
    private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{32}\\b");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private ApiFixture api;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> produced = new LinkedHashMap<>();
    private int step;

    @Test
    void should_answer_a_fixed_run_of_api_calls_exactly_as_recorded(Vertx vertx, @TempDir Path dir) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20261127L);
        Application.Parts parts = new Application.Parts(TestScenarios.catalog("v1"), TestParts.embedder(),
                TestParts.classifier(), Scorer.create()::score, new MutableClock(Instant.parse("2026-11-27T09:00:00Z")),
                random);
        api = new ApiFixture(vertx, dir, TestConfig.config(dir), parts);
        try {
            run();
        } finally {
            api.close();
        }
        if (RECORD) {
            record();
            return;
        }
        compare();
    }

    private void run() {
        call("login", null, HttpMethod.POST, "/api/login", json("username", "rita", "password", "password-rita"));
        call("me", "rita", HttpMethod.GET, "/api/me", null);
        call("scenarios", "rita", HttpMethod.GET, "/api/scenarios", null);
        call("scenario-status", "tara", HttpMethod.GET, "/api/scenarios/status", null);

        String a = call("start-session", "rita", HttpMethod.POST, "/api/sessions", json("scenario", TestScenarios.ID))
                .bodyAsJsonObject().getString("id");
        String turns = "/api/sessions/" + a + "/turns";
        call("turn-permission", "rita", HttpMethod.POST, turns, json("text", "Honestly, no is fine if this is not a priority."));
        call("transcript-open", "rita", HttpMethod.GET, "/api/sessions/" + a, null);
        call("turn-keyed", "rita", HttpMethod.POST, turns, json("text", "Can you sign by Friday?"),
                Map.of("Idempotency-Key", "golden-1"));
        call("turn-keyed-again", "rita", HttpMethod.POST, turns, json("text", "Can you sign by Friday?"),
                Map.of("Idempotency-Key", "golden-1"));
        call("error-422-key-reused", "rita", HttpMethod.POST, turns, json("text", "Something else entirely."),
                Map.of("Idempotency-Key", "golden-1"));
        call("error-409-report-of-open-session", "rita", HttpMethod.GET, "/api/sessions/" + a + "/report", null);
        call("error-403-not-the-sessions-rep", "mona", HttpMethod.POST, turns, json("text", "Let me take over."));
        call("error-409-no-llm-persona", "rita", HttpMethod.POST, "/api/sessions/" + a + "/persona",
                json("persona", "llm"));
        call("persona-scripted", "rita", HttpMethod.POST, "/api/sessions/" + a + "/persona", json("persona", "scripted"));
        call("end", "rita", HttpMethod.POST, "/api/sessions/" + a + "/end", null);
        call("end-again", "rita", HttpMethod.POST, "/api/sessions/" + a + "/end", null);
        call("error-409-turn-on-ended-session", "rita", HttpMethod.POST, turns, json("text", "Wait, one more thing."));
        call("report", "rita", HttpMethod.GET, "/api/sessions/" + a + "/report", null);
        call("transcript-ended", "rita", HttpMethod.GET, "/api/sessions/" + a, null);

        call("comment", "mona", HttpMethod.POST, turns + "/1/comments", json("text", "Good: you made no safe first."));
        call("error-403-comment-needs-manager", "rita", HttpMethod.POST, turns + "/1/comments", json("text", "Mine."));
        call("error-404-comment-on-missing-turn", "mona", HttpMethod.POST, turns + "/9/comments", json("text", "?"));
        call("override", "mona", HttpMethod.POST, "/api/sessions/" + a + "/overrides",
                json("dimension", "pressure", "score", 60, "reason", "Friday was her own deadline."));
        call("error-400-override-unknown-dimension", "mona", HttpMethod.POST, "/api/sessions/" + a + "/overrides",
                json("dimension", "charm", "score", 60, "reason", "r"));
        call("report-after-override", "mona", HttpMethod.GET, "/api/sessions/" + a + "/report", null);
        call("transcript-with-comment", "mona", HttpMethod.GET, "/api/sessions/" + a, null);

        String b = call("start-second-session", "rita", HttpMethod.POST, "/api/sessions",
                json("scenario", TestScenarios.ID)).bodyAsJsonObject().getString("id");
        call("second-turn-permission", "rita", HttpMethod.POST, "/api/sessions/" + b + "/turns",
                json("text", "Truly, no is fine."));
        call("second-turn-reveals-and-ends", "rita", HttpMethod.POST, "/api/sessions/" + b + "/turns",
                json("text", "What changed on your side since the pilot?"));
        call("second-report", "rita", HttpMethod.GET, "/api/sessions/" + b + "/report", null);

        call("list-as-rep", "rita", HttpMethod.GET, "/api/sessions", null);
        call("list-as-manager", "mona", HttpMethod.GET, "/api/sessions", null);
        call("list-as-other-manager", "omar", HttpMethod.GET, "/api/sessions", null);
        call("list-filtered-as-admin", "admin", HttpMethod.GET, "/api/sessions?rep=rita&scenario=test-stalled&limit=1", null);
        call("csv", "mona", HttpMethod.GET, "/api/sessions.csv", null);
        call("users", "admin", HttpMethod.GET, "/api/users", null);
        call("teams", "admin", HttpMethod.GET, "/api/teams", null);

        call("error-400-malformed-json", "rita", HttpMethod.POST, turns, "application/json", "{\"text\": ");
        call("error-400-missing-field", "rita", HttpMethod.POST, "/api/sessions", new JsonObject());
        call("error-400-bad-date", "mona", HttpMethod.GET, "/api/sessions.csv?from=yesterday", null);
        call("error-400-blank-turn", "rita", HttpMethod.POST, "/api/sessions/" + b + "/turns", json("text", " \u200b "));
        call("error-400-bad-escape", "rita", HttpMethod.GET, "/api/sessions?rep=%zz", null);
        call("error-401-no-credentials", null, HttpMethod.GET, "/api/sessions", null);
        call("error-401-wrong-password", null, HttpMethod.POST, "/api/login", json("username", "rob", "password", "nope"));
        call("error-403-needs-admin", "rita", HttpMethod.GET, "/api/users", null);
        call("error-404-unknown-session", "rita", HttpMethod.GET, "/api/sessions/0123456789abcdef0123456789abcdef", null);
        call("error-404-someone-elses-session", "rob", HttpMethod.GET, "/api/sessions/" + a + "/report", null);
        call("error-404-unknown-scenario", "rita", HttpMethod.POST, "/api/sessions", json("scenario", "nope"));
        call("error-404-unknown-route", "rita", HttpMethod.GET, "/api/nothing-here", null);
        call("error-405-get-login", null, HttpMethod.GET, "/api/login", null);
        call("error-405-put-sessions", "rita", HttpMethod.PUT, "/api/sessions", new JsonObject());
        call("error-409-team-exists", "admin", HttpMethod.POST, "/api/teams", json("name", "east"));
        call("error-413-body-too-large", "rita", HttpMethod.POST, turns, "application/json",
                "{\"text\": \"" + "a".repeat(70 * 1024) + "\"}");
        call("error-415-form-body", "rita", HttpMethod.POST, "/api/sessions", "application/x-www-form-urlencoded",
                "scenario=test-stalled");
        for (int i = 0; i < 4; i++) {
            assertThat(send(null, HttpMethod.POST, "/api/login", json("username", "rob", "password", "nope"), Map.of())
                    .statusCode()).isEqualTo(401);
        }
        call("error-429-too-many-logins", null, HttpMethod.POST, "/api/login",
                json("username", "rob", "password", "password-rob"));
    }

    private static JsonObject json(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return o;
    }

    private HttpResponse<Buffer> call(String name, String who, HttpMethod method, String path, JsonObject body) {
        return call(name, who, method, path, body, Map.of());
    }

    private HttpResponse<Buffer> call(String name, String who, HttpMethod method, String path, JsonObject body,
                                      Map<String, String> headers) {
        HttpResponse<Buffer> r = send(who, method, path, body, headers);
        keep(name, who, method, path, headers, body == null ? "" : body.encode(), r);
        return r;
    }

    private HttpResponse<Buffer> call(String name, String who, HttpMethod method, String path, String contentType,
                                      String body) {
        HttpRequest<Buffer> req = request(who, method, path, Map.of()).putHeader("Content-Type", contentType);
        HttpResponse<Buffer> r = req.sendBuffer(Buffer.buffer(body)).await();
        keep(name, who, method, path, Map.of("Content-Type", contentType),
                body.length() > 200 ? body.substring(0, 40) + "… (" + body.length() + " characters)" : body, r);
        return r;
    }

    private HttpResponse<Buffer> send(String who, HttpMethod method, String path, JsonObject body,
                                      Map<String, String> headers) {
        HttpRequest<Buffer> req = request(who, method, path, headers);
        return (body == null ? req.send() : req.sendJsonObject(body)).await();
    }

    private HttpRequest<Buffer> request(String who, HttpMethod method, String path, Map<String, String> headers) {
        HttpRequest<Buffer> req = api.client.request(method, path);
        if (who != null) {
            req.bearerTokenAuthentication(api.tokens.get(who));
        }
        headers.forEach(req::putHeader);
        return req;
    }

    private void keep(String name, String who, HttpMethod method, String path, Map<String, String> headers,
                      String body, HttpResponse<Buffer> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(method.name()).append(' ').append(path).append(who == null ? "" : " as " + who).append('\n');
        new java.util.TreeMap<>(headers).forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (!body.isEmpty()) {
            sb.append(body).append('\n');
        }
        sb.append("\n").append(r.statusCode()).append('\n');
        for (String h : HEADERS) {
            if (r.getHeader(h) != null) {
                sb.append(h).append(": ").append(r.getHeader(h)).append('\n');
            }
        }
        sb.append('\n').append(body(r)).append('\n');
        produced.put(String.format("%02d-%s.txt", ++step, name), numberIds(sb.toString()));
    }

    private static String body(HttpResponse<Buffer> r) {
        String text = r.bodyAsString() == null ? "" : r.bodyAsString();
        String type = r.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/json") || text.isEmpty()) {
            // CSV lines end in CRLF; shown so that a lost CR is a difference, and the file stays plain text
            return text.replace("\r", "\\r");
        }
        try {
            JsonNode tree = MAPPER.readTree(text);
            hideTokens(tree);
            Object sorted = MAPPER.treeToValue(tree, Object.class);
            return MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))).writeValueAsString(sorted);
        } catch (IOException e) {
            throw new AssertionError("not JSON though labelled so: " + text, e);
        }
    }

    private static void hideTokens(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : List.of("token", "csrfToken")) {
                if (o.has(key)) {
                    o.set(key, TextNode.valueOf("<" + key + ">"));
                }
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            hideTokens(it.next());
        }
    }

    /** Session ids become {@code <id-1>}, {@code <id-2>}… in the order they first appear in the run. */
    private String numberIds(String text) {
        Matcher m = ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String label = ids.computeIfAbsent(m.group(), k -> "<id-" + (ids.size() + 1) + ">");
            m.appendReplacement(sb, Matcher.quoteReplacement(label));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private void record() throws IOException {
        Files.createDirectories(DIR);
        try (Stream<Path> old = Files.list(DIR)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : produced.entrySet()) {
            Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private void compare() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> recorded = new TreeSet<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.forEach(p -> recorded.add(p.getFileName().toString()));
        }
        for (Map.Entry<String, String> e : produced.entrySet()) {
            if (!recorded.remove(e.getKey())) {
                problems.add(e.getKey() + ": no recorded answer");
                continue;
            }
            String expected = Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8);
            if (!expected.equals(e.getValue())) {
                problems.add(e.getKey() + ": " + firstDifference(expected, e.getValue()));
            }
        }
        recorded.forEach(f -> problems.add(f + ": recorded, but no longer asked"));
        assertThat(problems).as("answers that differ from src/test/resources/golden/api "
                + "(re-record with -Dgolden.record=true only for a deliberate API change)").isEmpty();
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": expected [" + x + "] but was [" + y + "]";
            }
        }
        return "differs";
    }
}
