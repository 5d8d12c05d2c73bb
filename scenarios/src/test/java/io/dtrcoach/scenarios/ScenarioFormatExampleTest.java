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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotated example in the trainers' format reference is a real scenario: it loads clean and its own tests pass,
 * so the document cannot drift from what the loader accepts.
 */
class ScenarioFormatExampleTest {
    static final Path DOC = Path.of("../docs/trainers/scenario-format.md");
    static final String SECTION = "## A complete, annotated example";

    @Test
    void the_annotated_example_loads_without_errors_and_passes_its_tests() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int section = doc.indexOf(SECTION);
        assertThat(section).as("%s has no section '%s'", DOC, SECTION).isNotNegative();
        int fence = doc.indexOf("```yaml\n", section);
        assertThat(fence).as("no ```yaml block after '%s' in %s", SECTION, DOC).isNotNegative();
        int start = fence + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("\n```", start) + 1);

        LoadResult result = new ScenarioLoader().parse(DOC + " example", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).filteredOn(Problem::isError).extracting(Problem::toString).isEmpty();
        Scenario scenario = result.scenario().orElseThrow();
        assertThat(scenario.id()).isEqualTo("stalled-cfo");

        TextEmbedder embedder = TextEmbedder.create();
        Engine engine = new Engine(scenario, new IntentMatcher(embedder),
                TrainedMoveClassifier.create(embedder));
        ScenarioTestRunner.Summary summary = new ScenarioTestRunner(engine).runAll();
        assertThat(summary.passed()).as(summary.results().stream().flatMap(r -> r.failures().stream())
                .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        assertThat(summary.results()).hasSize(2);
    }
}
