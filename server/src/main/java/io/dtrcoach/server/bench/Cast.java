package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The simulated reps: a team of new users the admin creates over the API, each logged in, and the scripts they play. */
final class Cast {
    private Cast() {
    }

    /** The reps, logged in; the scripts for the scenarios the server offers; how long it took. */
    record Setup(List<Rep> reps, Scripts scripts, double seconds) {
    }

    static Setup setUp(Requests requests, WebClient api, LoadOptions options, String adminPassword) {
        long started = System.nanoTime();
        String adminToken = requests.login(api, options.adminUser, adminPassword).await();
        JsonArray offered = requests.send(api, HttpMethod.GET, "/api/scenarios", adminToken, null, 200, "scenarios", null)
                .await().getJsonArray("scenarios");
        List<String> ids = offered.stream().map(o -> ((JsonObject) o).getString("id")).toList();
        Scripts scripts = Scripts.shipped(ids);
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        // Each rep's think times from its own well-mixed seed: java.util.Random seeded with neighbouring numbers
        // draws nearly the same first value (0.3745, 0.3741, 0.3740, … for seeds 1000003, 1000004, …), which sent
        // every rep's first turn of a phase at the same instant and put that burst into the steady-phase latencies.
        SplittableRandom seeds = new SplittableRandom(options.seed);
        List<Rep> cast = IntStream.range(0, options.reps)
                .mapToObj(i -> new Rep(i, "bench-" + run + "-" + i, new Random(seeds.nextLong()))).toList();
        // The team first: creating it implicitly from concurrent user creations races on its unique name (a 500).
        requests.send(api, HttpMethod.POST, "/api/teams", adminToken, new JsonObject().put("name", "bench-" + run), 201,
                "create team", null).await();
        // Bounded parallelism: creating and logging in hashes a password each, on the server's worker pool.
        inBatches(cast, 32, rep -> requests.send(api, HttpMethod.POST, "/api/users", adminToken, new JsonObject()
                .put("username", rep.username).put("password", rep.username + "-pw").put("role", "rep").put("team", "bench-" + run), 201, "create user", null)
                .compose(v -> requests.login(api, rep.username, rep.username + "-pw"))
                .map(token -> {
                    rep.token = token;
                    return null;
                }));
        long missing = cast.stream().filter(r -> r.token == null).count();
        if (missing > 0) {
            throw new IllegalStateException(missing + " of " + options.reps + " reps could not be created or logged in; errors: " + requests.errorsByKind());
        }
        return new Setup(cast, scripts, (System.nanoTime() - started) / 1e9);
    }

    private static <T> void inBatches(List<Rep> cast, int size, Function<Rep, Future<T>> work) {
        for (int from = 0; from < cast.size(); from += size) {
            List<Future<T>> batch = cast.subList(from, Math.min(cast.size(), from + size)).stream().map(work).toList();
            Future.join(batch).otherwiseEmpty().await();
        }
    }
}
