package io.dtrcoach.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random requests over raw sockets (so any byte can go in a path or header) against the real server on
 * H2: malformed and wrongly typed JSON, huge and deeply nested values, unicode and NUL, junk credentials, huge
 * headers, odd content types, traversal and encoded paths. Every answer is a proper status below 500 and, for
 * an error, a JSON {"error"} without a stack trace; no request hangs; /health answers "up" after every batch.
 * {@code -Ddtr.fuzz.scale=N} multiplies the number of requests (CI runs scale 1: 1,200 requests).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTest {
    private static final int SCALE = Integer.getInteger("dtr.fuzz.scale", 1);
    private static final int BATCHES = 12 * SCALE;
    private static final int PER_BATCH = 100;
    /** A hang guard for one request, generous for shared CI machines. */
    private static final int READ_TIMEOUT_MS = 20_000;

    private ApiFixture api;
    private String session;
    private String ended;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) {
        api = new ApiFixture(vertx, dir);
        session = api.startSession("rita");
        ended = api.startSession("rita");
        api.turn("rita", ended, "Can you sign by Friday?");
        api.call("rita", io.vertx.core.http.HttpMethod.POST, "/api/sessions/" + ended + "/end", null);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String describe() {
            String b = new String(body, StandardCharsets.UTF_8);
            String h = headers.toString();
            return method + " " + abbreviate(target) + " " + abbreviate(h) + " body=" + abbreviate(b);
        }

        private static String abbreviate(String s) {
            return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
        }
    }

    @Test
    void should_answer_every_random_request_with_a_proper_status_and_keep_serving() throws Exception {
        Random random = new Random(4_2026_1127L);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        try {
            for (int batch = 0; batch < BATCHES; batch++) {
                List<Request> requests = new ArrayList<>();
                for (int i = 0; i < PER_BATCH; i++) {
                    requests.add(randomRequest(new Random(random.nextLong())));
                }
                List<Future<Response>> answers = new ArrayList<>();
                for (Request req : requests) {
                    answers.add(pool.submit(() -> send(req)));
                }
                for (int i = 0; i < requests.size(); i++) {
                    Request req = requests.get(i);
                    Response r = answers.get(i).get(2L * READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    assertProper(req, r);
                    statuses.merge(r.status(), 1, Integer::sum);
                }
                Response health = send(new Request("GET", "/health", Map.of(), new byte[0]));
                assertThat(health.status()).as("health after batch " + batch + ": " + health.text()).isEqualTo(200);
                assertThat(new JsonObject(health.text()).getString("status")).isEqualTo("up");
            }
        } finally {
            // no client socket may outlive the test: the server and its data directory are closed after it
            pool.shutdownNow();
            assertThat(pool.awaitTermination(2L * READ_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        }
        // the fuzz reached past authentication and validation, not only 401s
        assertThat(statuses).containsKeys(200, 400, 401, 403, 404);
        assertThat(statuses.keySet()).allSatisfy(s -> assertThat(s).isBetween(200, 499));
        // and the regular API still works for a real user afterwards
        assertThat(api.turn("rob", api.startSession("rob"), "What has changed?").statusCode()).isEqualTo(200);
    }

    private static void assertProper(Request req, Response r) {
        String what = req.describe() + " -> " + r.status() + " " + r.headers() + " " + Request.abbreviate(r.text());
        assertThat(r.status()).as(what).isBetween(200, 499);
        if (r.status() >= 400 && !req.method().equals("HEAD")) {
            assertThat(r.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("io.vertx").doesNotContain("io.dtrcoach");
            if (isApi(req.target()) || !"text/html; charset=utf-8".equals(r.header("Content-Type"))) {
                // /api answers errors in JSON; other paths may get the browser pages' HTML error page
                assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
                assertThat(new JsonObject(r.text()).getString("error")).as(what).isNotBlank();
            }
        }
    }

    /** A target the server certainly routes under /api (no dot segments that normalise it elsewhere). */
    private static boolean isApi(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return target.startsWith("/api/") && !t.contains("..") && !t.contains("%2e") && !t.contains("%c0")
                && !t.contains("%2f") && !t.contains("%5c") && !t.contains("\\");
    }

    // --- the request generator -------------------------------------------------------------------------------

    private static final String[] METHODS = {"GET", "POST", "POST", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "get", "BREW"};

    private Request randomRequest(Random r) {
        String method = METHODS[r.nextInt(METHODS.length)];
        String target = randomPath(r);
        Map<String, String> headers = new LinkedHashMap<>();
        randomAuth(r, headers);
        String body = randomBody(r, target);
        switch (r.nextInt(8)) {
            case 0 -> headers.put("Content-Type", "text/plain");
            case 1 -> headers.put("Content-Type", "multipart/form-data; boundary=xyz");
            case 2 -> headers.put("Content-Type", "application/x-www-form-urlencoded");
            case 3 -> {
            }
            case 4 -> headers.put("Content-Type", "application/json; charset=" + junk(r, 10));
            default -> headers.put("Content-Type", "application/json");
        }
        if (r.nextInt(15) == 0) {
            headers.put("X-Junk", "a".repeat(r.nextBoolean() ? 4_000 : 9_000));
        }
        if (r.nextInt(15) == 0) {
            headers.put("Accept", junk(r, 40));
        }
        if (r.nextInt(20) == 0) {
            headers.put("Content-Encoding", r.nextBoolean() ? "gzip" : "deflate");
        }
        return new Request(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private String randomPath(Random r) {
        String id = switch (r.nextInt(7)) {
            case 0 -> session;
            case 1 -> ended;
            case 2 -> "0123456789abcdef0123456789abcdef";
            case 3 -> "..%2f..%2f..%2fetc%2fpasswd";
            case 4 -> "%00";
            case 5 -> Long.toString(r.nextLong());
            default -> junkPathSegment(r);
        };
        String turn = r.nextBoolean() ? Integer.toString(r.nextInt(5) - 1) : junkPathSegment(r);
        String[] paths = {"/api/login", "/api/logout", "/api/me", "/api/scenarios", "/api/scenarios/status",
                "/api/sessions", "/api/sessions.csv", "/api/sessions/" + id, "/api/sessions/" + id + "/turns",
                "/api/sessions/" + id + "/end", "/api/sessions/" + id + "/report",
                "/api/sessions/" + id + "/turns/" + turn + "/comments", "/api/sessions/" + id + "/overrides",
                "/api/users", "/api/users/" + (r.nextBoolean() ? Integer.toString(r.nextInt(10)) : junkPathSegment(r)),
                "/api/teams", "/health", "/metrics", "/api/../../../../etc/passwd", "/static/../../pom.xml",
                "/static/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api//sessions",
                "/api/sessions/%ZZ", "/api/" + "a".repeat(r.nextBoolean() ? 3_000 : 5_000), "//api/me", "/api/me/",
                "/API/ME", "/api/sessions/\u00e9\u4e2d", "/api/sessions;jsessionid=1", "*", "/api/%c0%ae%c0%ae/",
                "/api/sessions/" + id + "/turns/%2F..%2F..", "/web/../server/pom.xml", "/favicon.ico"};
        String path = paths[r.nextInt(paths.length)];
        if (r.nextInt(4) == 0) {
            String[] queries = {"rep=" + junkPathSegment(r), "from=yesterday", "to=2026-13-45", "scenario=%00",
                    "from=2026-01-01T00:00:00Z&to=1970-01-01T00:00:00Z", "rep=rita&rep=rob", "a=" + "b".repeat(2_000),
                    "%%%", "=&=&", "limit=-1", "offset=99999999999999999999"};
            path += "?" + queries[r.nextInt(queries.length)];
        }
        return path;
    }

    private static String junkPathSegment(Random r) {
        String[] bits = {"..", "%2e%2e", "%2F", "%5C", "\\", "%00", "%ff", "%", "~", "\u202e", "\u0430", "%E2%80%AE",
                "\ud83d\ude00", ";", "@", "!", "$", "'", "\"", "<script>", "{", "}", "|", "^", "`", " ", "%20"};
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(bits[r.nextInt(bits.length)]);
        }
        return b.toString();
    }

    private void randomAuth(Random r, Map<String, String> headers) {
        List<String> who = new ArrayList<>(api.tokens.keySet());
        switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> headers.put("Authorization", "Bearer " + api.tokens.get(who.get(r.nextInt(who.size()))));
            case 4 -> headers.put("Authorization", "Bearer " + junk(r, 1 + r.nextInt(300)));
            case 5 -> headers.put("Authorization", "Basic " + junk(r, 20));
            case 6 -> headers.put("Cookie", AuthHandler.COOKIE + "=" + (r.nextBoolean()
                    ? api.tokens.get(who.get(r.nextInt(who.size()))) : junk(r, 40)));
            case 7 -> headers.put("Authorization", r.nextBoolean() ? "Bearer" : "Bearer  " + "x".repeat(6_000));
            case 8 -> {
                headers.put("Cookie", AuthHandler.COOKIE + "=" + api.tokens.get(who.get(r.nextInt(who.size()))));
                headers.put(AuthHandler.CSRF_HEADER, junk(r, 30));
            }
            default -> {
            }
        }
    }

    private static String randomBody(Random r, String path) {
        return switch (r.nextInt(14)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[" + "[".repeat(r.nextInt(20_000)) + "]";
            case 3 -> "{\"a\":" + "{\"a\":".repeat(r.nextInt(5_000)) + "1" + "}".repeat(r.nextInt(5_000)) + "}";
            case 4 -> "{\"text\":\"" + "x".repeat(r.nextBoolean() ? 60_000 : 70_000) + "\"}";
            case 5 -> "{\"text\":\"a\\u0000b\u0000\",\"scenario\":\"\\ud800\"}";
            case 6 -> "null";
            case 7 -> "\"just a string\"";
            case 8 -> "{\"score\":1e999,\"dimension\":\"pressure\",\"reason\":\"r\",\"text\":12345678901234567890}";
            case 9 -> "{\"username\":\"rita\",\"username\":\"admin\",\"password\":\"password-rita\"}";
            case 10 -> junk(r, r.nextInt(500));
            case 11 -> wrongTypes(r);
            case 12 -> "\u00ef\u00bb\u00bf{\"text\":\"bom\"}";
            default -> rightShape(r, path);
        };
    }

    private static String wrongTypes(Random r) {
        String[] fields = {"text", "scenario", "username", "password", "role", "team", "name", "dimension", "score",
                "reason", "disabled"};
        String[] values = {"null", "true", "-1", "2147483648", "1.5", "[]", "{}", "[\"a\"]", "{\"$gt\":\"\"}",
                "\"\"", "\"" + "\u202e".repeat(5) + "\"", "-0", "1e-400", "\"' OR '1'='1\"", "\"../../etc\""};
        JsonObject o = new JsonObject();
        StringBuilder b = new StringBuilder("{");
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(fields[r.nextInt(fields.length)]).append("\":")
                    .append(values[r.nextInt(values.length)]);
        }
        o.clear();
        return b.append('}').toString();
    }

    /** A body with the fields a route expects, values random: this is what gets past validation. */
    private static String rightShape(Random r, String path) {
        JsonObject o = new JsonObject();
        String text = switch (r.nextInt(5)) {
            case 0 -> "Is it fine if this is not a priority any more?";
            case 1 -> "<script>alert(1)</script>";
            case 2 -> "\u0000\u0007\u001b[31m\u202e\ud83d\ude00 中文";
            case 3 -> "";
            default -> "Can you sign by Friday?";
        };
        o.put("text", text).put("scenario", r.nextBoolean() ? "test-stalled" : text)
                .put("username", r.nextBoolean() ? "rita" : text).put("password", r.nextBoolean() ? "password-rita" : text)
                .put("role", new String[]{"rep", "trainer", "manager", "admin", "emperor"}[r.nextInt(5)])
                .put("team", r.nextBoolean() ? "east" : text).put("name", text)
                .put("dimension", r.nextBoolean() ? "pressure" : text).put("score", r.nextInt(300) - 100)
                .put("reason", text);
        if (r.nextInt(10) == 0) {
            o.put("disabled", r.nextBoolean());
        }
        return o.encode();
    }

    private static String junk(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = r.nextInt(4) == 0 ? r.nextInt(0x3000) : 0x21 + r.nextInt(0x5e);
            if (Character.isSurrogate((char) cp)) {
                cp = '?';
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    // --- raw HTTP/1.1 --------------------------------------------------------------------------------------------

    private Response send(Request req) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.app.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((req.method() + " " + req.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> h : req.headers().entrySet()) {
                out.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("Content-Length: " + req.body().length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(req.body());
            OutputStream os = socket.getOutputStream();
            try {
                os.write(out.toByteArray());
                os.flush();
            } catch (IOException e) {
                // the server may answer (413, 431) and close before reading a large request entirely
            }
            byte[] raw;
            try (InputStream in = socket.getInputStream()) {
                raw = readAll(in);
            } catch (SocketTimeoutException e) {
                return fail("no answer within " + READ_TIMEOUT_MS + " ms: " + req.describe());
            }
            return parse(raw, req);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                b.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // connection reset after the server answered and closed
            if (b.size() == 0) {
                throw e;
            }
        }
        return b.toByteArray();
    }

    private static Response parse(byte[] raw, Request req) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        assertThat(end).as("a complete HTTP response head for " + req.describe() + ": " + all).isPositive();
        String[] head = all.substring(0, end).split("\r\n");
        assertThat(head[0]).as(req.describe()).matches("HTTP/1\\.[01] \\d{3}.*");
        int status = Integer.parseInt(head[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = new String(body, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < s.length()) {
            int eol = s.indexOf("\r\n", at);
            int size = Integer.parseInt(s.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
