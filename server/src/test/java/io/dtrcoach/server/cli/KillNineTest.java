package io.dtrcoach.server.cli;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.PracticeRepository;
import io.dtrcoach.server.practice.LibraryCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server in a child process, killed with SIGKILL right after it answered a turn, then started again on
 * the same data directory: every turn the client saw is there, the old token still works, and the conversation
 * goes on from exactly the state it had.
 */
@ExtendWith(VertxExtension.class)
class KillNineTest {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final List<String> LINES = List.of(
            "Thanks for making time. Honestly, no is fine if this has stalled.",
            "Can I ask you something?",
            "What has changed on your side since the pilot?");

    @TempDir
    Path tmp;

    /** Started on a port of its own choosing: one picked here could be taken by another process before it binds. */
    private ServerProcess serve(Path data, Path scenarios, String logName) throws IOException, InterruptedException {
        ServerProcess p = ServerProcess.start(tmp.resolve(logName),
                Map.of("DTR_ADMIN_PASSWORD", "admin-password", "DTR_PASSWORD_ITERATIONS", "10000"),
                "serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString(),
                "--scenarios", scenarios.toString());
        assertThat(p.awaitOutput("listening on", STARTUP)).as(p.output()).isTrue();
        return p;
    }

    private static WebClient client(Vertx vertx, ServerProcess server) throws IOException {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.httpPort()));
    }

    private static HttpResponse<Buffer> post(WebClient client, String token, String path, JsonObject body) {
        return client.post(path).bearerTokenAuthentication(token).sendJsonObject(body).await();
    }

    @Test
    void should_lose_nothing_the_rep_saw_when_killed_mid_conversation_and_go_on_from_the_same_state(Vertx vertx)
            throws Exception {
        Path data = tmp.resolve("data");
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/test-scenarios/test-stalled.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(scenarios.resolve("test-stalled.yaml"), yaml);

        String token;
        String session;
        List<String> seen = new ArrayList<>();
        try (ServerProcess first = serve(data, scenarios, "first.log")) {
            WebClient client = client(vertx, first);
            String admin = client.post("/api/login").sendJsonObject(new JsonObject().put("username", "admin")
                    .put("password", "admin-password")).await().bodyAsJsonObject().getString("token");
            assertThat(post(client, admin, "/api/users", new JsonObject().put("username", "rita")
                    .put("password", "password-rita").put("role", "rep").put("team", "east")).statusCode()).isEqualTo(201);
            token = client.post("/api/login").sendJsonObject(new JsonObject().put("username", "rita")
                    .put("password", "password-rita")).await().bodyAsJsonObject().getString("token");
            JsonObject started = post(client, token, "/api/sessions", new JsonObject().put("scenario", "test-stalled"))
                    .bodyAsJsonObject();
            session = started.getString("id");
            seen.add(started.getString("opening"));
            for (String line : LINES.subList(0, 2)) {
                HttpResponse<Buffer> r = post(client, token, "/api/sessions/" + session + "/turns", new JsonObject().put("text", line));
                assertThat(r.statusCode()).as(r.bodyAsString() + first.output()).isEqualTo(200);
                seen.add(r.bodyAsJsonObject().getString("reply"));
            }
            first.killHard();
            client.close();
        }

        try (ServerProcess second = serve(data, scenarios, "second.log")) {
            WebClient client = client(vertx, second);
            HttpResponse<Buffer> t = client.get("/api/sessions/" + session).bearerTokenAuthentication(token).send().await();
            assertThat(t.statusCode()).as("the token issued before the crash still works: " + t.bodyAsString()).isEqualTo(200);
            JsonObject transcript = t.bodyAsJsonObject();
            JsonArray turns = transcript.getJsonArray("turns");
            assertThat(transcript.getString("opening")).isEqualTo(seen.get(0));
            assertThat(turns).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(turns.getJsonObject(i).getString("rep")).isEqualTo(LINES.get(i));
                assertThat(turns.getJsonObject(i).getString("reply")).isEqualTo(seen.get(i + 1));
            }

            HttpResponse<Buffer> next = post(client, token, "/api/sessions/" + session + "/turns",
                    new JsonObject().put("text", LINES.get(2)));
            assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(200);
            assertThat(next.bodyAsJsonObject().getInteger("turn")).isEqualTo(3);
            assertThat(next.bodyAsJsonObject().getString("reply")).isEqualTo("Our board froze new spend until Q3.");
            assertThat(next.bodyAsJsonObject().getBoolean("ended")).isTrue();
            second.killHard();
            client.close();
        }

        // The stored state equals a replay of the same lines by an engine that never crashed.
        try (Database db = TestDatabases.h2(data)) {
            String stateJson = db.inTransaction(c -> new PracticeRepository().session(c, session)).orElseThrow().stateJson();
            Json json = new Json();
            ProspectState stored = json.read(stateJson, ProspectState.class);
            Scenario scenario = LibraryCatalog.load(getClass().getClassLoader(), Optional.empty()).parse(yaml, "test");
            Engine engine = new Engine(scenario, new IntentMatcher(TestParts.embedder()), text -> List.of(new Move("other", 1.0)));
            ProspectState replay = engine.start(stored.seed());
            for (String line : LINES) {
                replay = engine.step(replay, line).after();
            }
            assertThat(stored).isEqualTo(replay);
            assertThat(stored.revealed()).containsExactly("budget_freeze");
        }
    }

    @Test
    void should_say_clearly_when_the_data_directory_cannot_be_used() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("occupied"), "a file, not a directory");
        try (ServerProcess p = ServerProcess.start(tmp.resolve("bad-data.log"), Map.of(),
                "serve", "--port", "0", "--data", notADir.resolve("data").toString())) {
            assertThat(p.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(p.output()).contains("dtr: the data directory").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void should_say_clearly_when_the_database_cannot_be_opened() throws Exception {
        // Bound but not listening: a connection to it is refused, and no other process can listen on it meanwhile.
        try (Socket closed = new Socket()) {
            closed.bind(new InetSocketAddress("127.0.0.1", 0));
            int closedPort = closed.getLocalPort();
            try (ServerProcess p = ServerProcess.start(tmp.resolve("bad-db.log"), Map.of(),
                    "serve", "--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/dtr")) {
                assertThat(p.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
                assertThat(p.output()).contains("dtr: cannot open the database jdbc:postgresql://127.0.0.1:" + closedPort)
                        .doesNotContain("\tat ");
            }
        }
    }
}
