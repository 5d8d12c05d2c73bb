package io.dtrcoach.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The reps' play over the JSON API: each rep opens a conversation with one of the scripts, thinks, takes the
 * script's turns one at a time, ends it and opens the next, until its phase is over. With {@code --live} each
 * conversation is also followed on the live channel, as the practice page does.
 */
final class RepLoop {
    private final Vertx vertx;
    private final LoadOptions options;
    private final Requests requests;
    private final WebClient api;
    private final Scripts scripts;
    /** With {@code --live}: the practice pages' event streams, one connection per open conversation. */
    private final HttpClient liveClient;
    /** Counts every line sent, to make each one unique with {@code --unique-lines}. */
    private final AtomicLong takes = new AtomicLong();

    RepLoop(Vertx vertx, LoadOptions options, Requests requests, WebClient api, HttpClient liveClient, Scripts scripts) {
        this.vertx = vertx;
        this.options = options;
        this.requests = requests;
        this.api = api;
        this.liveClient = liveClient;
        this.scripts = scripts;
    }

    /** A phase that starts now and stops early after {@code --max-errors} errors. */
    Phase phase(String name, int thinkMs, Duration length, int maxConversations) {
        return new Phase(name, thinkMs, length, maxConversations, requests, options.maxErrors);
    }

    /**
     * Plays every script once, to the end, before anything is measured: the server builds each scenario's engine
     * (example embeddings) and caches the scripted lines' embeddings once, which would otherwise be counted as
     * heap held by the first open conversations and as latency of the first turns.
     */
    String warmUp(List<Rep> cast) {
        long started = System.nanoTime();
        Phase warm = phase("warm-up", 0, Duration.ofMinutes(10), 0);
        int n = scripts.size();
        for (int from = 0; from < n; from += cast.size()) {
            int base = from;
            runAll(cast.subList(0, Math.min(cast.size(), n - from)), rep -> {
                Scripts.Script script = scripts.get(base + rep.index);
                Promise<Void> done = Promise.promise();
                startConversation(rep, warm, script).onComplete(ar -> playOut(rep, warm, done));
                return done.future();
            });
        }
        cast.forEach(r -> r.conversations = 0);
        return String.format("warm-up: every one of the %d scripts played once in %.1f s; first-time turn latency %s; errors %d",
                n, (System.nanoTime() - started) / 1e9, warm.turns.summary().format(), requests.errorCount() - warm.errorsAtStart);
    }

    private void playOut(Rep rep, Phase phase, Promise<Void> done) {
        if (rep.session == null) {
            done.complete();
            return;
        }
        step(rep, phase, false).onComplete(ar -> {
            if (ar.failed()) {
                abandon(rep);
            }
            playOut(rep, phase, done);
        });
    }

    /** Every rep plays until the phase is over; the figures of the phase, with the server's CPU from {@code probe}. */
    PhaseFigures play(List<Rep> cast, Phase phase, ServerProbe probe) throws IOException {
        cast.forEach(r -> r.conversations = 0);
        Optional<Double> cpuBefore = probe.cpuSeconds();
        double selfBefore = ServerProbe.cpuSeconds(Path.of("/proc/self/stat"));
        int errorsBefore = requests.errorCount();
        runAll(cast, rep -> {
            Promise<Void> done = Promise.promise();
            // The first think is drawn from [0, 1.5 × mean] so the reps do not move in lockstep.
            loop(rep, phase, true, done);
            return done.future();
        });
        phase.finish();
        Optional<Double> cpu = probe.cpuSeconds().flatMap(after -> cpuBefore.map(before -> after - before));
        double self = ServerProbe.cpuSeconds(Path.of("/proc/self/stat")) - selfBefore;
        return new PhaseFigures(phase.name, cast.size(), phase.thinkMs, phase.seconds(),
                phase.conversationsEnded.sum(), phase.turns.summary(), cpu, self, requests.errorCount() - errorsBefore, "turns",
                options.live ? Optional.of(phase.liveReplies.summary()) : Optional.empty());
    }

    private void loop(Rep rep, Phase phase, boolean first, Promise<Void> done) {
        if (phase.over(rep)) {
            done.complete();
            return;
        }
        step(rep, phase, first).onComplete(ar -> {
                    if (ar.failed()) {
                        // Abandon the conversation; pause so a failing server is not spun against.
                        abandon(rep);
                        rep.prospectEnded = false;
                        vertx.setTimer(Math.max(100, phase.thinkMs), t -> loop(rep, phase, false, done));
                    } else {
                        loop(rep, phase, false, done);
                    }
                });
    }

    /** Ends a finished conversation, or starts one if needed, thinks, and takes the next turn. */
    private Future<Void> step(Rep rep, Phase phase, boolean first) {
        if (rep.session != null && (rep.prospectEnded || rep.nextLine >= lines(rep))) {
            return endConversation(rep, phase);
        }
        Future<Void> ready = rep.session == null ? startConversation(rep, phase) : Future.succeededFuture();
        return ready.compose(v -> think(rep, phase, first))
                .compose(v -> turn(rep, phase))
                .compose(ended -> ended || rep.nextLine >= lines(rep) ? endConversation(rep, phase)
                        : Future.succeededFuture());
    }

    private Future<Void> think(Rep rep, Phase phase, boolean first) {
        if (phase.thinkMs == 0) {
            return Future.succeededFuture();
        }
        long ms = first ? (long) (rep.random.nextDouble() * 1.5 * phase.thinkMs)
                : (long) (phase.thinkMs * (0.5 + rep.random.nextDouble()));
        if (ms <= 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(ms, t -> p.complete());
        return p.future();
    }

    private int lines(Rep rep) {
        int n = rep.script.lines().size();
        return options.maxTurns > 0 ? Math.min(options.maxTurns, n) : n;
    }

    Future<Void> startConversation(Rep rep, Phase phase) {
        return startConversation(rep, phase, scripts.pick(rep.index, rep.conversations + rep.index));
    }

    private Future<Void> startConversation(Rep rep, Phase phase, Scripts.Script script) {
        return requests.send(api, HttpMethod.POST, "/api/sessions", rep.token, new JsonObject().put("scenario", script.scenarioId()),
                201, "start", null).compose(body -> {
            rep.session = body.getString("id");
            rep.script = script;
            rep.nextLine = 0;
            rep.prospectEnded = false;
            return options.live ? followLive(rep) : Future.succeededFuture();
        });
    }

    /** Opens the conversation's live channel before its first turn, so that no reply event is missed. */
    private Future<Void> followLive(Rep rep) {
        return LiveStream.open(liveClient, rep.session, rep.token, (turn, arrived) -> {
            Rep.Sent sent = rep.awaitingLive.remove(turn);
            if (sent != null) {
                sent.phase().liveReplies.record(arrived - sent.nanos());
            }
            Promise<Void> drained = rep.liveDrained;
            if (drained != null && rep.awaitingLive.isEmpty()) {
                drained.tryComplete();
            }
        }).transform(ar -> {
            if (ar.failed()) {
                return requests.error("live " + ar.cause().getClass().getSimpleName(), ar.cause().getMessage());
            }
            rep.liveStream = ar.result();
            return Future.succeededFuture();
        });
    }

    void abandon(Rep rep) {
        rep.session = null;
        closeLive(rep);
    }

    /**
     * Before a conversation ends, waits (10 s at most) for the reply events still on their way, as the practice
     * page shows the last reply before the rep leaves; the reply event trails the turn's HTTP response.
     */
    private Future<Void> liveDrained(Rep rep) {
        if (rep.liveStream == null || rep.awaitingLive.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        rep.liveDrained = drained;
        long timer = vertx.setTimer(10_000, t -> drained.tryComplete());
        if (rep.awaitingLive.isEmpty()) {
            drained.tryComplete();
        }
        return drained.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            rep.liveDrained = null;
        });
    }

    private static void closeLive(Rep rep) {
        rep.awaitingLive.clear();
        if (rep.liveStream != null) {
            rep.liveStream.close();
            rep.liveStream = null;
        }
    }

    /** Takes the rep's next turn; true when the prospect ended the conversation. */
    Future<Boolean> turn(Rep rep, Phase phase) {
        String line = Scripts.take(rep.script.lines().get(rep.nextLine), options.uniqueLines ? takes.incrementAndGet() : 0);
        if (rep.liveStream != null) {
            rep.awaitingLive.put(rep.nextLine + 1, new Rep.Sent(phase, System.nanoTime()));
        }
        return requests.send(api, HttpMethod.POST, "/api/sessions/" + rep.session + "/turns", rep.token,
                new JsonObject().put("text", line), 200, "turn", phase.turns).map(body -> {
            rep.nextLine++;
            rep.prospectEnded = body.getBoolean("ended", false);
            return rep.prospectEnded;
        });
    }

    Future<Void> endConversation(Rep rep, Phase phase) {
        return liveDrained(rep).compose(v -> requests.send(api, HttpMethod.POST, "/api/sessions/" + rep.session + "/end",
                rep.token, new JsonObject(), 200, "end", null)).map(body -> {
            rep.session = null;
            closeLive(rep);
            rep.conversations++;
            if (phase != null) {
                phase.conversationsEnded.increment();
            }
            return null;
        });
    }

    void runAll(List<Rep> cast, Function<Rep, Future<?>> work) {
        Future.join(cast.stream().map(work).toList()).otherwiseEmpty().await();
    }

    /** The same reps, without think time, against the no-op endpoint for {@code --capacity-seconds}. */
    PhaseFigures playNoop(Target yardstick, List<Rep> cast) throws IOException {
        ServerProbe probe = yardstick.probe();
        WebClient noop = WebClient.create(vertx, options.clientOptions(yardstick.host(), yardstick.port()),
                new PoolOptions().setHttp1MaxSize(options.reps + 16).setMaxWaitQueueSize(-1));
        Phase phase = phase("no-op endpoint", 0, Duration.ofSeconds(options.capacitySeconds), 0);
        Optional<Double> cpuBefore = probe.cpuSeconds();
        double selfBefore = ServerProbe.cpuSeconds(Path.of("/proc/self/stat"));
        int errorsBefore = requests.errorCount();
        runAll(cast, rep -> {
            Promise<Void> done = Promise.promise();
            noopLoop(noop, rep, scripts.pick(rep.index, 0).lines().get(0), phase, done);
            return done.future();
        });
        phase.finish();
        Optional<Double> cpu = probe.cpuSeconds().flatMap(after -> cpuBefore.map(before -> after - before));
        double self = ServerProbe.cpuSeconds(Path.of("/proc/self/stat")) - selfBefore;
        noop.close();
        return new PhaseFigures(phase.name, cast.size(), 0, phase.seconds(), 0, phase.turns.summary(), cpu, self,
                requests.errorCount() - errorsBefore, "requests", Optional.empty());
    }

    private void noopLoop(WebClient noop, Rep rep, String line, Phase phase, Promise<Void> done) {
        if (phase.over(rep)) {
            done.complete();
            return;
        }
        requests.send(noop, HttpMethod.POST, "/api/sessions/" + rep.index + "/turns", rep.token, new JsonObject().put("text", line),
                200, "no-op", phase.turns).onComplete(ar -> noopLoop(noop, rep, line, phase, done));
    }
}
