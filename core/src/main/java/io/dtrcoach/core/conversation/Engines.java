package io.dtrcoach.core.conversation;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.scenario.Scenario;

import java.util.function.Function;

/**
 * Makes one {@link Engine} per loaded scenario and keeps it while the scenario is in use, so that nothing is
 * rebuilt per turn (example embeddings, the scenario's own classifier examples).
 */
public final class Engines {
    private final LoadingCache<Scenario, Engine> engines;

    /**
     * @param classifierFor the move classifier for a scenario (the shared one, extended with the scenario's
     *                      {@code classifier_examples})
     */
    public Engines(IntentMatcher matcher, Function<Scenario, MoveClassifier> classifierFor) {
        this.engines = CacheBuilder.newBuilder().weakKeys()
                .build(CacheLoader.from(s -> new Engine(s, matcher, classifierFor.apply(s))));
    }

    public Engine forScenario(Scenario scenario) {
        return engines.getUnchecked(scenario);
    }
}
