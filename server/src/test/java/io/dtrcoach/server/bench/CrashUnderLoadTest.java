package io.dtrcoach.server.bench;

import io.dtrcoach.server.cli.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server in a child process on its default H2 database, killed with SIGKILL while simulated reps play the
 * shipped scenarios' scripted conversations over the JSON API with no think time (so a kill always lands on
 * requests in flight), then started again on the same data directory, several times over. After each restart,
 * with the tokens issued before the first kill:
 * <ul>
 * <li>every turn a client saw answered is in the transcript, its text and reply identical, numbered in order;</li>
 * <li>a turn that was in flight is either absent or complete (the rep's text and a reply), never half-written,
 * and the session's turn count agrees with its turns;</li>
 * <li>every session a rep sees is one its client started, or an untouched one whose start was in flight;</li>
 * <li>the conversations go on: the next round of play takes turns in the same sessions.</li>
 * </ul>
 * At the end a SIGTERM stops the server within a minute. The short run (always on) kills twice; {@code -Ddtr.crash.long=true} plays more reps for longer and kills five
 * times. {@code -Ddtr.crash.seed=N} repeats a run's kill moments; the seed is printed.
 */
@ExtendWith(VertxExtension.class)
class CrashUnderLoadTest {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final boolean LONG = Boolean.getBoolean("dtr.crash.long");
    private static final int REPS = LONG ? 40 : 24;
    private static final int KILLS = LONG ? 5 : 2;
    /** Answered turns (across all reps) each round plays before the kill may come. */
    private static final int TURNS_BEFORE_KILL = LONG ? 400 : 2 * REPS;
    /** The kill comes at a random moment up to this long after that. */
    private static final int KILL_WINDOW_MS = LONG ? 5_000 : 1_500;
    private static final String ADMIN_PASSWORD = "crash-admin-password";

    @TempDir
    Path tmp;

    /** A turn as the client saw it: what the rep said and the reply. */
    private record Exchange(String rep, String reply) {
    }

    /** What one rep's client knows of one conversation. */
    private static final class Conversation {
        final String id;
        final String opening;
        final Scripts.Script script;
        /** Turns the client saw answered: the rep's text and the reply, in order. */
        final List<Exchange> seen = new ArrayList<>();
        /** Text of a turn sent whose reply the client never got (in flight at the kill), or null. */
        String unanswered;
        boolean ended;

        Conversation(String id, String opening, Scripts.Script script) {
            this.id = id;
            this.opening = opening;
            this.script = script;
        }

        boolean over() {
            return ended || seen.size() >= script.lines().size();
        }
    }

    private static final class Rep {
        final int index;
        final String username;
        String token;
        final List<Conversation> conversations = new ArrayList<>();
        Conversation current;
        int started;

        Rep(int index, String username) {
            this.index = index;
            this.username = username;
        }
    }

    /** One round of play against one server process. */
    private static final class Round {
        final WebClient client;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger turnsInFlight = new AtomicInteger();
        final AtomicInteger afterRestart = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        Round(WebClient client) {
            this.client = client;
        }
    }

    private static final class ServerGone extends Exception {
        ServerGone(Throwable cause) {
            super(cause);
        }
    }

    @Test
    void should_keep_every_answered_turn_and_go_on_after_kill_minus_nine_under_load(Vertx vertx) throws Exception {
        long seed = Long.getLong("dtr.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("CrashUnderLoadTest: %d reps, %d kills, seed %d (-Ddtr.crash.seed=%d repeats it)%n",
                REPS, KILLS, seed, seed);
        Path data = tmp.resolve("data");
        List<Rep> reps = new ArrayList<>();
        Scripts scripts;

        Server server = serve(data, 0);
        try {
            WebClient client = client(vertx, server);
            String admin = login(client, "admin", ADMIN_PASSWORD);
            JsonArray offered = client.get("/api/scenarios").bearerTokenAuthentication(admin).send().await()
                    .bodyAsJsonObject().getJsonArray("scenarios");
            scripts = Scripts.shipped(offered.stream().map(o -> ((JsonObject) o).getString("id")).toList());
            assertThat(post(client, admin, "/api/teams", new JsonObject().put("name", "floor")).statusCode()).isEqualTo(201);
            for (int i = 0; i < REPS; i++) {
                Rep rep = new Rep(i, "rep" + i);
                HttpResponse<Buffer> created = post(client, admin, "/api/users", new JsonObject().put("username", rep.username)
                        .put("password", rep.username + "-password").put("role", "rep").put("team", "floor"));
                assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
                rep.token = login(client, rep.username, rep.username + "-password");
                reps.add(rep);
            }

            for (int kill = 1; kill <= KILLS + 1; kill++) {
                boolean last = kill > KILLS;
                Round round = new Round(client);
                List<Thread> players = new ArrayList<>();
                for (Rep rep : reps) {
                    Thread t = new Thread(() -> play(rep, scripts, round), "crash-rep-" + rep.index);
                    t.start();
                    players.add(t);
                }
                awaitAnswered(round, last ? REPS : TURNS_BEFORE_KILL, server);
                int inFlight;
                if (last) {
                    // The conversations go on after the last restart: every rep takes a turn, then play stops.
                    awaitTurnAfterRestart(round, reps);
                    round.stop.set(true);
                    inFlight = 0;
                } else {
                    Thread.sleep(random.nextInt(KILL_WINDOW_MS));
                    inFlight = round.turnsInFlight.get();
                    server.process().killHard();
                }
                for (Thread t : players) {
                    t.join(TimeUnit.MINUTES.toMillis(2));
                    assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
                }
                assertThat(round.errors).as("errors from the server while it was up").isEmpty();
                System.out.printf("round %d: %d turns answered, %s%n", kill, round.answered.get(),
                        last ? "stopped" : "killed with " + inFlight + " turns in flight");
                if (!last) {
                    assertThat(inFlight).as("turns in flight at the kill").isPositive();
                    client.close();
                    server.close();
                    server = serve(data, kill);
                    client = client(vertx, server);
                }
                verify(client, reps);
            }
            client.close();
            // After all that, a plain SIGTERM still stops it, promptly and without an error on the way out.
            assertThat(server.process().terminate(Duration.ofMinutes(1))).as(server.process().output()).isEqualTo(143);
            assertThat(server.process().output()).doesNotContain("RejectedExecutionException");
        } finally {
            server.close();
        }
    }

    /**
     * A server process and the port it listens on: a new one each start, picked by the server itself, since the
     * old one may linger and a port picked here could be taken by another process before the server binds it.
     */
    private record Server(ServerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    private Server serve(Path data, int run) throws IOException, InterruptedException {
        ServerProcess p = ServerProcess.start(tmp.resolve("server-" + run + ".log"),
                Map.of("DTR_ADMIN_PASSWORD", ADMIN_PASSWORD, "DTR_PASSWORD_ITERATIONS", "10000"),
                "serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString());
        assertThat(p.awaitOutput("listening on", STARTUP)).as(p.output()).isTrue();
        return new Server(p, p.httpPort());
    }

    private static WebClient client(Vertx vertx, Server server) {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port())
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(REPS + 8).setMaxWaitQueueSize(-1));
    }

    private static String login(WebClient client, String username, String password) {
        HttpResponse<Buffer> r = client.post("/api/login").sendJsonObject(new JsonObject().put("username", username)
                .put("password", password)).await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getString("token");
    }

    private static HttpResponse<Buffer> post(WebClient client, String token, String path, JsonObject body) {
        return client.post(path).bearerTokenAuthentication(token).timeout(60_000).sendJsonObject(body).await();
    }

    private static void awaitAnswered(Round round, int turns, Server server) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (round.answered.get() < turns) {
            assertThat(System.nanoTime()).as("%d turns answered within 3 minutes; errors %s; server %s", turns,
                    round.errors, server.process().output()).isLessThan(until);
            assertThat(round.errors).isEmpty();
            Thread.sleep(20);
        }
    }

    private static void awaitTurnAfterRestart(Round round, List<Rep> reps) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (round.afterRestart.get() < reps.size() && System.nanoTime() < until && round.errors.isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(round.afterRestart.get()).as("reps that took a turn after the restart; errors %s", round.errors)
                .isEqualTo(reps.size());
    }

    /** A rep's client: plays until told to stop or the server goes away. */
    private static void play(Rep rep, Scripts scripts, Round round) {
        boolean first = true;
        try {
            while (!round.stop.get()) {
                Conversation c = rep.current;
                if (c != null && c.over()) {
                    if (!c.ended) {
                        expect(round, send(round, rep, "/api/sessions/" + c.id + "/end", new JsonObject()), 200, rep);
                        c.ended = true;
                    }
                    rep.current = null;
                    continue;
                }
                if (c == null) {
                    Scripts.Script script = scripts.pick(rep.index, rep.started++);
                    JsonObject s = expect(round, send(round, rep, "/api/sessions",
                            new JsonObject().put("scenario", script.scenarioId())), 201, rep);
                    rep.current = new Conversation(s.getString("id"), s.getString("opening"), script);
                    rep.conversations.add(rep.current);
                    continue;
                }
                String text = c.script.lines().get(c.seen.size());
                c.unanswered = text;
                round.turnsInFlight.incrementAndGet();
                HttpResponse<Buffer> r;
                try {
                    r = send(round, rep, "/api/sessions/" + c.id + "/turns", new JsonObject().put("text", text));
                } finally {
                    round.turnsInFlight.decrementAndGet();
                }
                JsonObject reply = expect(round, r, 200, rep);
                c.seen.add(new Exchange(text, reply.getString("reply")));
                c.unanswered = null;
                c.ended = reply.getBoolean("ended");
                round.answered.incrementAndGet();
                if (first) {
                    first = false;
                    round.afterRestart.incrementAndGet();
                }
            }
        } catch (ServerGone e) {
            // killed under us: what was in flight stays recorded as unanswered
        } catch (IllegalStateException e) {
            // an unexpected status, already recorded in round.errors
        }
    }

    private static HttpResponse<Buffer> send(Round round, Rep rep, String path, JsonObject body) throws ServerGone {
        try {
            return round.client.post(path).bearerTokenAuthentication(rep.token).timeout(60_000).sendJsonObject(body).await();
        } catch (Exception e) {
            // await() rethrows the failure as it is: a reset connection, a refused one (checked), a timeout
            throw new ServerGone(e);
        }
    }

    private static JsonObject expect(Round round, HttpResponse<Buffer> r, int status, Rep rep) {
        if (r.statusCode() != status) {
            round.errors.add(rep.username + ": HTTP " + r.statusCode() + " " + r.bodyAsString());
            throw new IllegalStateException("unexpected status");
        }
        return r.bodyAsJsonObject();
    }

    /**
     * Checks every conversation against what its client saw, then settles each turn that was in flight: one the
     * server committed becomes seen (with the stored reply), one it did not is forgotten, so play goes on from
     * the server's state.
     */
    private static void verify(WebClient client, List<Rep> reps) {
        int checkedTurns = 0;
        int committedInFlight = 0;
        int lostInFlight = 0;
        for (Rep rep : reps) {
            Set<String> known = new HashSet<>();
            for (Conversation c : rep.conversations) {
                known.add(c.id);
                HttpResponse<Buffer> r = client.get("/api/sessions/" + c.id).bearerTokenAuthentication(rep.token)
                        .timeout(60_000).send().await();
                assertThat(r.statusCode()).as("%s's session %s with the token from before the crashes: %s",
                        rep.username, c.id, r.bodyAsString()).isEqualTo(200);
                JsonObject t = r.bodyAsJsonObject();
                JsonArray turns = t.getJsonArray("turns");
                String where = rep.username + "'s session " + c.id + " " + t.encode();
                assertThat(t.getString("opening")).as(where).isEqualTo(c.opening);
                assertThat(t.getJsonObject("session").getInteger("turns")).as(where).isEqualTo(turns.size());
                for (int i = 0; i < turns.size(); i++) {
                    assertThat(turns.getJsonObject(i).getInteger("number")).as(where).isEqualTo(i + 1);
                }
                for (int i = 0; i < c.seen.size(); i++) {
                    assertThat(turns.size()).as("%s: turn %d was answered, so it must be stored", where, i + 1)
                            .isGreaterThan(i);
                    JsonObject stored = turns.getJsonObject(i);
                    assertThat(stored.getString("rep")).as(where).isEqualTo(c.seen.get(i).rep());
                    assertThat(stored.getString("reply")).as(where).isEqualTo(c.seen.get(i).reply());
                    checkedTurns++;
                }
                if (c.unanswered == null) {
                    assertThat(turns.size()).as(where).isEqualTo(c.seen.size());
                } else {
                    assertThat(turns.size()).as(where).isBetween(c.seen.size(), c.seen.size() + 1);
                    if (turns.size() > c.seen.size()) {
                        JsonObject stored = turns.getJsonObject(c.seen.size());
                        assertThat(stored.getString("rep")).as(where).isEqualTo(c.unanswered);
                        assertThat(stored.getString("reply")).as(where).isNotBlank();
                        c.seen.add(new Exchange(c.unanswered, stored.getString("reply")));
                        committedInFlight++;
                    } else {
                        lostInFlight++;
                    }
                    c.unanswered = null;
                }
                if (c.ended) {
                    assertThat(t.getJsonObject("session").getString("status")).as(where).isEqualTo("ended");
                }
                c.ended = t.getJsonObject("session").getString("status").equals("ended");
            }
            HttpResponse<Buffer> list = client.get("/api/sessions?limit=1000").bearerTokenAuthentication(rep.token)
                    .timeout(60_000).send().await();
            assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
            Set<String> listed = new HashSet<>();
            for (Object o : list.bodyAsJsonObject().getJsonArray("sessions")) {
                JsonObject s = (JsonObject) o;
                listed.add(s.getString("id"));
                if (!known.contains(s.getString("id"))) {
                    // a start that was in flight: committed whole, but no turn can have been taken in it
                    assertThat(s.getInteger("turns")).as("%s: unknown session %s", rep.username, s).isZero();
                }
            }
            assertThat(listed).as(rep.username + "'s sessions").containsAll(known);
        }
        System.out.printf("verified %d answered turns; of the turns in flight %d were committed, %d not%n",
                checkedTurns, committedInFlight, lostInFlight);
    }
}
