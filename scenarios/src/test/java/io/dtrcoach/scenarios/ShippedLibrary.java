package io.dtrcoach.scenarios;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.core.scoring.Scorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped scenarios with the real model-backed parts (embedder, intent matcher, move classifier, scorer), loaded
 * once for every test class of this module that plays whole conversations.
 */
final class ShippedLibrary {
    static final Path LIBRARY = Path.of("src/main/resources/scenarios");
    private static ShippedLibrary instance;

    final TextEmbedder embedder;
    final IntentMatcher matcher;
    final Scorer scorer;
    final Map<String, Engine> engines = new LinkedHashMap<>();

    private ShippedLibrary() {
        embedder = TextEmbedder.create();
        matcher = new IntentMatcher(embedder);
        TrainedMoveClassifier classifier = TrainedMoveClassifier.create(embedder);
        scorer = Scorer.create(ExampleSet.shipped(), embedder);
        ScenarioLoader loader = new ScenarioLoader();
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Scenario s = loader.load(f).orThrow();
                engines.put(s.id(), new Engine(s, matcher, classifier));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ShippedLibrary get() {
        if (instance == null) {
            instance = new ShippedLibrary();
        }
        return instance;
    }

    Engine engine(String scenarioId) {
        Engine e = engines.get(scenarioId);
        if (e == null) {
            throw new IllegalArgumentException("no shipped scenario '" + scenarioId + "'");
        }
        return e;
    }
}
