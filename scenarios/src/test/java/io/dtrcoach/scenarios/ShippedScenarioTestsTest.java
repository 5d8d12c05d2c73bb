package io.dtrcoach.scenarios;

import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's gate on the shipped library: every scenario file loads without errors or warnings, and every
 * test in its {@code tests:} section passes against the real engine, intent matcher and move classifier.
 */
class ShippedScenarioTestsTest {
    private static final Path LIBRARY = Path.of("src/main/resources/scenarios");
    private static IntentMatcher matcher;
    private static TrainedMoveClassifier classifier;

    @BeforeAll
    static void models() {
        TextEmbedder embedder = TextEmbedder.create();
        matcher = new IntentMatcher(embedder);
        classifier = TrainedMoveClassifier.create(embedder);
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(LIBRARY)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_shipped_scenario_loads_clean_and_passes_its_own_tests() throws IOException {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            LoadResult result = new ScenarioLoader().load(file);
            assertThat(result.problems()).as("lint problems").extracting(Problem::toString).isEmpty();
            Scenario scenario = result.scenario().orElseThrow();
            assertThat(scenario.tests()).as("tests in " + file).hasSizeGreaterThanOrEqualTo(3);
            Engine engine = new Engine(scenario, matcher, classifier);
            ScenarioTestRunner.Summary summary = new ScenarioTestRunner(engine).runAll();
            String failures = summary.results().stream().flatMap(r -> r.failures().stream()
                    .map(f -> r.name() + ": " + f)).collect(Collectors.joining("\n"));
            assertThat(summary.passed()).as(failures).isTrue();
        }));
    }
}
