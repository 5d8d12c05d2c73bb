package io.dtrcoach.core.conversation;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.scenario.Scenario;


/**
 * Makes one {@link Engine} per loaded scenario and keeps it while the scenario is in use, so that nothing is
 * rebuilt per turn (the intents' example embeddings). Every engine shares the one move classifier: the move
 * vocabulary is the same for every scenario.
 */
public final class Engines {
    private final LoadingCache<Scenario, Engine> engines;

    public Engines(IntentMatcher matcher, MoveClassifier classifier) {
        this.engines = CacheBuilder.newBuilder().weakKeys()
                .build(CacheLoader.from(s -> new Engine(s, matcher, classifier)));
    }

    public Engine forScenario(Scenario scenario) {
        return engines.getUnchecked(scenario);
    }
}
