package io.dtrcoach.server.http.pages;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.dtrcoach.core.conversation.ConversationEnded;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.practice.Turns;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionEnded;
import io.dtrcoach.server.practice.SessionNotFound;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trainer previews: a scenario played with the full analysis of every turn, kept in memory for a while and never
 * stored as a rep's session (so it is neither scored nor in anyone's history).
 */
final class Previews {
    private final ScenarioCatalog catalog;
    private final Engines engines;
    private final WorkerExecutor compute;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Preview> open = CacheBuilder.newBuilder().maximumSize(500)
            .expireAfterAccess(Duration.ofHours(2)).build();

    /** One preview; its steps are serialised on the preview itself. */
    static final class Preview {
        final String id;
        final long owner;
        final Engine engine;
        final String opening;
        final List<Turn> turns = new ArrayList<>();
        ProspectState state;

        Preview(String id, long owner, Engine engine, String opening, ProspectState state) {
            this.id = id;
            this.owner = owner;
            this.engine = engine;
            this.opening = opening;
            this.state = state;
        }

        synchronized Step step(String text) {
            if (state.ended()) {
                throw new SessionEnded(id, state.ending().orElse("ended"));
            }
            Step step;
            try {
                step = engine.step(state, text);
            } catch (ConversationEnded e) {
                throw new SessionEnded(id, state.ending().orElse("ended"));
            }
            turns.add(step.turn());
            state = step.after();
            return step;
        }

        synchronized List<Turn> turns() {
            return List.copyOf(turns);
        }

        synchronized ProspectState state() {
            return state;
        }
    }

    Previews(ScenarioCatalog catalog, Engines engines, WorkerExecutor compute) {
        this.catalog = catalog;
        this.engines = engines;
        this.compute = compute;
    }

    Future<Preview> start(Caller caller, String scenarioId) {
        var version = catalog.require(scenarioId);
        long seed = random.nextLong();
        return compute.executeBlocking(() -> {
            Engine engine = engines.forScenario(version.scenario());
            ProspectState state = engine.start(seed);
            Preview p = new Preview("p" + Tokens.hex(random, 12), caller.user().id(), engine,
                    engine.opening(state), state);
            open.put(p.id, p);
            return p;
        }, false);
    }

    Preview get(Caller caller, String id) {
        Preview p = open.getIfPresent(id);
        if (p == null || p.owner != caller.user().id()) {
            throw new SessionNotFound(id);
        }
        return p;
    }

    Future<Step> turn(Caller caller, String id, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "text must not be empty");
        }
        if (text.length() > Turns.MAX_TEXT) {
            throw new InvalidInput("text", "text must be at most " + Turns.MAX_TEXT + " characters");
        }
        Preview p = get(caller, id);
        return compute.executeBlocking(() -> p.step(text), false);
    }
}
