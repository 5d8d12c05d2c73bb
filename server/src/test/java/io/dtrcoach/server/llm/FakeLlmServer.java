package io.dtrcoach.server.llm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local model endpoint for tests: speaks OpenAI chat completions ({@code POST /v1/chat/completions}, JSON or
 * SSE with {@code data: [DONE]}) and Ollama's {@code POST /api/chat} (JSON or NDJSON), answers each request
 * with the next scripted {@link Reply} (or the default one when the queue is empty), records every request
 * body, and injects faults: delays, HTTP errors, malformed JSON and a connection dropped mid-stream.
 */
public final class FakeLlmServer {
    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*|\\s+");

    private final Vertx vertx;
    private final Queue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.text("Mm. Go on.");
    private HttpServer server;

    private FakeLlmServer(Vertx vertx) {
        this.vertx = vertx;
    }

    public static Future<FakeLlmServer> start(Vertx vertx) {
        FakeLlmServer fake = new FakeLlmServer(vertx);
        return vertx.createHttpServer().requestHandler(fake::handle).listen(0, "127.0.0.1").map(s -> {
            fake.server = s;
            return fake;
        });
    }

    public Future<Void> close() {
        return server.close();
    }

    public int port() {
        return server.actualPort();
    }

    /** Base URL for an OpenAI-compatible client (LangChain4j appends {@code /chat/completions}). */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Queues replies, answered in order, one per request. */
    public FakeLlmServer enqueue(Reply... replies) {
        Collections.addAll(queue, replies);
        return this;
    }

    /** The reply for requests once the queue is empty. */
    public FakeLlmServer otherwise(Reply reply) {
        this.fallback = reply;
        return this;
    }

    public void clearRequests() {
        requests.clear();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Every message content of every recorded request, one string (what a leak check needs). */
    public String allRequestText() {
        StringBuilder s = new StringBuilder();
        requests.forEach(r -> s.append(r.body().encode()).append('\n'));
        return s.toString();
    }

    private void handle(HttpServerRequest req) {
        long receivedAt = System.nanoTime();
        req.body().onSuccess(body -> {
            JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
            Protocol protocol = req.path().endsWith("/chat/completions") ? Protocol.OPENAI
                    : req.path().equals("/api/chat") ? Protocol.OLLAMA : null;
            if (protocol == null) {
                req.response().setStatusCode(404).end();
                return;
            }
            // Ollama streams unless told not to; OpenAI only when asked.
            boolean stream = protocol == Protocol.OLLAMA ? json.getBoolean("stream", true)
                    : json.getBoolean("stream", false);
            Recorded rec = new Recorded(req.path(), protocol, stream, json, receivedAt);
            requests.add(rec);
            req.response().closeHandler(v -> {
                if (!req.response().ended()) {
                    rec.closedByClient = true;
                }
            });
            Reply reply = queue.poll();
            Reply r = reply == null ? fallback : reply;
            if (r.delayMs > 0) {
                vertx.setTimer(r.delayMs, id -> respond(req, rec, r));
            } else {
                respond(req, rec, r);
            }
        });
    }

    private void respond(HttpServerRequest req, Recorded rec, Reply r) {
        HttpServerResponse resp = req.response();
        if (r.hang) {
            return;
        }
        if (r.status != 200) {
            resp.setStatusCode(r.status).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", new JsonObject().put("message", "injected " + r.status)
                            .put("type", r.status == 429 ? "rate_limit_exceeded" : "server_error")).encode());
            return;
        }
        String model = rec.body().getString("model", "fake");
        if (!rec.stream()) {
            resp.putHeader("content-type", "application/json");
            rec.markFirstToken();
            if (r.malformed) {
                resp.end("{\"id\": \"broken\", \"choices\": [");
            } else if (r.dropAfterTokens >= 0) {
                resp.setChunked(true);
                resp.write(Buffer.buffer("{\"id\": \"x\""))
                        .onComplete(x -> req.connection().close());
            } else {
                resp.end(rec.protocol() == Protocol.OPENAI ? openAiCompletion(model, r.text()).encode()
                        : ollamaDone(model, r.text()).encode());
            }
            return;
        }
        resp.setChunked(true);
        resp.putHeader("content-type", rec.protocol() == Protocol.OPENAI ? "text/event-stream" : "application/x-ndjson");
        List<String> tokens = r.tokens();
        streamFrom(req, rec, r, model, tokens, 0);
    }

    private void streamFrom(HttpServerRequest req, Recorded rec, Reply r, String model, List<String> tokens, int i) {
        HttpServerResponse resp = req.response();
        if (resp.closed()) {
            return;
        }
        if (r.dropAfterTokens >= 0 && i == r.dropAfterTokens) {
            // Let the tokens reach the client first, then cut the connection with no end marker.
            vertx.setTimer(50, id -> req.connection().close());
            return;
        }
        if (r.malformed && i == Math.min(1, tokens.size())) {
            resp.write(rec.protocol() == Protocol.OPENAI ? "data: {\"choices\": [{\"delta\": {\"content\": \"oops\n\n"
                    : "{\"message\": {\"content\": \"oops\n");
            resp.end();
            return;
        }
        if (i == tokens.size()) {
            rec.markEnd();
            if (r.cleanCut) {
                resp.end();
                return;
            }
            if (rec.protocol() == Protocol.OPENAI) {
                resp.write("data: " + openAiChunk(model, null, "stop").encode() + "\n\n");
                resp.end("data: [DONE]\n\n");
            } else {
                resp.end(ollamaDone(model, "").encode() + "\n");
            }
            return;
        }
        if (i == r.holdBefore && !r.release.isComplete()) {
            io.vertx.core.Context here = vertx.getOrCreateContext();
            r.release.onComplete(x -> here.runOnContext(v -> streamFrom(req, rec, r, model, tokens, i)));
            return;
        }
        if (i == 0) {
            rec.markFirstToken();
        }
        String t = tokens.get(i);
        resp.write(rec.protocol() == Protocol.OPENAI ? "data: " + openAiChunk(model, t, null).encode() + "\n\n"
                : ollamaChunk(model, t).encode() + "\n");
        if (r.tokenIntervalMs > 0) {
            vertx.setTimer(r.tokenIntervalMs, id -> streamFrom(req, rec, r, model, tokens, i + 1));
        } else {
            streamFrom(req, rec, r, model, tokens, i + 1);
        }
    }

    private static JsonObject openAiCompletion(String model, String text) {
        return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", model)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", text))
                        .put("finish_reason", "stop")))
                .put("usage", new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 5)
                        .put("total_tokens", 15));
    }

    private static JsonObject openAiChunk(String model, String content, String finish) {
        JsonObject delta = new JsonObject();
        if (content != null) {
            delta.put("role", "assistant").put("content", content);
        }
        return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000).put("model", model)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                        .put("finish_reason", finish)));
    }

    private static JsonObject ollamaChunk(String model, String content) {
        return new JsonObject().put("model", model).put("created_at", "2026-01-01T00:00:00Z")
                .put("message", new JsonObject().put("role", "assistant").put("content", content))
                .put("done", false);
    }

    private static JsonObject ollamaDone(String model, String content) {
        return new JsonObject().put("model", model).put("created_at", "2026-01-01T00:00:00Z")
                .put("message", new JsonObject().put("role", "assistant").put("content", content))
                .put("done", true).put("done_reason", "stop").put("total_duration", 1000)
                .put("prompt_eval_count", 10).put("eval_count", 5);
    }

    public enum Protocol { OPENAI, OLLAMA }

    /** One request as received. {@code firstTokenAt}: when the first token (or the JSON body) was written. */
    public static final class Recorded {
        private final String path;
        private final Protocol protocol;
        private final boolean stream;
        private final JsonObject body;
        private final long receivedAt;
        private volatile long firstTokenAt;
        private volatile long endAt;
        private volatile boolean closedByClient;

        Recorded(String path, Protocol protocol, boolean stream, JsonObject body, long receivedAt) {
            this.path = path;
            this.protocol = protocol;
            this.stream = stream;
            this.body = body;
            this.receivedAt = receivedAt;
        }

        void markFirstToken() {
            firstTokenAt = System.nanoTime();
        }

        void markEnd() {
            endAt = System.nanoTime();
        }

        public String path() {
            return path;
        }

        public Protocol protocol() {
            return protocol;
        }

        public boolean stream() {
            return stream;
        }

        public JsonObject body() {
            return body;
        }

        public long receivedAt() {
            return receivedAt;
        }

        public long firstTokenAt() {
            return firstTokenAt;
        }

        /** When a streamed reply's last token had been written and its end was about to be (0 until then). */
        public long endAt() {
            return endAt;
        }

        /** The connection closed before the reply was complete (the client cancelled or gave up). */
        public boolean closedByClient() {
            return closedByClient;
        }

        /** The messages' contents, in order ({@code role: content}). */
        public List<String> messages() {
            List<String> out = new ArrayList<>();
            JsonArray m = body.getJsonArray("messages", new JsonArray());
            for (int i = 0; i < m.size(); i++) {
                JsonObject msg = m.getJsonObject(i);
                Object content = msg.getValue("content");
                out.add(msg.getString("role") + ": " + (content instanceof String s ? s : String.valueOf(content)));
            }
            return out;
        }
    }

    /** What the fake answers to one request. Immutable; the with-methods return copies. */
    public static final class Reply {
        private final String text;
        private final List<String> tokens;
        private final int status;
        private final long delayMs;
        private final long tokenIntervalMs;
        private final boolean malformed;
        private final int dropAfterTokens;
        private final boolean hang;
        private final boolean cleanCut;
        /** Streaming waits before this token until {@link #release} completes; -1: no hold. */
        private final int holdBefore;
        private final Future<Void> release;

        private Reply(String text, List<String> tokens, int status, long delayMs, long tokenIntervalMs,
                      boolean malformed, int dropAfterTokens, boolean hang) {
            this(text, tokens, status, delayMs, tokenIntervalMs, malformed, dropAfterTokens, hang, false, -1, null);
        }

        private Reply(String text, List<String> tokens, int status, long delayMs, long tokenIntervalMs,
                      boolean malformed, int dropAfterTokens, boolean hang, boolean cleanCut, int holdBefore,
                      Future<Void> release) {
            this.cleanCut = cleanCut;
            this.text = text;
            this.tokens = tokens;
            this.status = status;
            this.delayMs = delayMs;
            this.tokenIntervalMs = tokenIntervalMs;
            this.malformed = malformed;
            this.dropAfterTokens = dropAfterTokens;
            this.hang = hang;
            this.holdBefore = holdBefore;
            this.release = release;
        }

        /** A normal reply; streamed word by word (each word with its trailing space). */
        public static Reply text(String text) {
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
            return new Reply(text, List.copyOf(tokens), 200, 0, 0, false, -1, false);
        }

        /** A normal reply streamed in exactly these pieces. */
        public static Reply tokens(String... tokens) {
            return new Reply(String.join("", tokens), List.of(tokens), 200, 0, 0, false, -1, false);
        }

        public static Reply status(int status) {
            return new Reply("", List.of(), status, 0, 0, false, -1, false);
        }

        /** Never answers (the client's timeout has to fire). */
        public static Reply hang() {
            return new Reply("", List.of(), 200, 0, 0, false, -1, true);
        }

        /** Broken JSON: the whole body when not streaming, the second chunk when streaming. */
        public static Reply malformed(String firstToken) {
            return new Reply(firstToken, List.of(firstToken), 200, 0, 0, true, -1, false);
        }

        /** Waits before answering at all (headers included). */
        public Reply delayed(long ms) {
            return new Reply(text, tokens, status, ms, tokenIntervalMs, malformed, dropAfterTokens,
                    hang, cleanCut, holdBefore, release);
        }

        public Reply tokenInterval(long ms) {
            return new Reply(text, tokens, status, delayMs, ms, malformed, dropAfterTokens,
                    hang, cleanCut, holdBefore, release);
        }

        /** Closes the connection after this many tokens, with no end marker. */
        public Reply droppedAfter(int tokens) {
            return new Reply(text, this.tokens, status, delayMs, tokenIntervalMs, malformed, tokens,
                    hang, cleanCut, holdBefore, release);
        }

        /** Streams every token, then ends the HTTP response properly but without the protocol's end marker. */
        public Reply endedWithoutMarker() {
            return new Reply(text, tokens, status, delayMs, tokenIntervalMs, malformed, dropAfterTokens, hang, true,
                    holdBefore, release);
        }

        /**
         * Streams the first {@code tokens} tokens, then holds the stream open until {@code release} completes: a test
         * can see the start of a reply while the model is, causally, still writing it.
         */
        public Reply heldAfter(int tokens, Future<Void> release) {
            return new Reply(text, this.tokens, status, delayMs, tokenIntervalMs, malformed, dropAfterTokens, hang,
                    cleanCut, tokens, release);
        }

        String text() {
            return text;
        }

        List<String> tokens() {
            return tokens;
        }
    }
}
