package io.dtrcoach.scenarios;

import io.dtrcoach.core.classify.EmbeddingMoveClassifier;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's annotated example is a real scenario: it loads clean and its own tests pass. */
class ReadmeExampleTest {
    @Test
    void the_readme_example_loads_without_errors_and_passes_its_tests() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("### A complete, annotated example");
        assertThat(section).isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("\n```", start) + 1);

        LoadResult result = new ScenarioLoader().parse("README.md example", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).filteredOn(Problem::isError).extracting(Problem::toString).isEmpty();
        Scenario scenario = result.scenario().orElseThrow();
        assertThat(scenario.id()).isEqualTo("stalled-cfo");

        TextEmbedder embedder = TextEmbedder.create();
        Engine engine = new Engine(scenario, new IntentMatcher(embedder),
                EmbeddingMoveClassifier.create(embedder).withExtraExamples(scenario.classifierExamples()));
        ScenarioTestRunner.Summary summary = new ScenarioTestRunner(engine).runAll();
        assertThat(summary.passed()).as(summary.results().stream().flatMap(r -> r.failures().stream())
                .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        assertThat(summary.results()).hasSize(2);
    }
}
