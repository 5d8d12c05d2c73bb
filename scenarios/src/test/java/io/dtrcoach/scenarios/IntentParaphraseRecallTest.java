package io.dtrcoach.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.scenario.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each scenario's topic intents on words nobody on the team wrote: paraphrases written by independent writers who
 * did not write the scenario, from each intent's one-line description only
 * ({@code src/test/resources/paraphrases/<writer>.yaml}). Per scenario, at least {@value #MIN_RECALL} of them must
 * match their intent, but for the scenarios in {@link #KNOWN_GAPS}, which must stay at or above the floor given there
 * (and fail the test once they reach the target, so the list only shrinks).
 */
class IntentParaphraseRecallTest {
    static final double MIN_RECALL = 0.90;
    /** Scenarios under the target today, with the recall they must not fall below (docs/classifier.md). */
    static final Map<String, Double> KNOWN_GAPS = Map.of(
            "committee-call", 0.82);
    static final Path DIR = Path.of("src/test/resources/paraphrases");

    /** scenario → intent → lines, over every writer. */
    private static final Map<String, Map<String, List<String>>> LINES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root = YamlAsJson.read(Files.readString(f));
                for (Iterator<Map.Entry<String, JsonNode>> s = root.fields(); s.hasNext(); ) {
                    Map.Entry<String, JsonNode> scenario = s.next();
                    for (Iterator<Map.Entry<String, JsonNode>> i = scenario.getValue().fields(); i.hasNext(); ) {
                        Map.Entry<String, JsonNode> intent = i.next();
                        List<String> out = LINES.computeIfAbsent(scenario.getKey(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(intent.getKey(), k -> new ArrayList<>());
                        intent.getValue().forEach(l -> out.add(l.asText()));
                    }
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> every_scenario_recognises_its_topic_intents_in_other_writers_words() {
        ShippedLibrary library = ShippedLibrary.get();
        assertThat(LINES.keySet()).containsExactlyInAnyOrderElementsOf(library.engines.keySet());
        return LINES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Scenario scenario = library.engine(e.getKey()).scenario();
            assertThat(e.getValue().keySet()).as("every topic intent has paraphrases")
                    .containsExactlyInAnyOrderElementsOf(scenario.intents().keySet());
            int total = 0;
            int found = 0;
            List<String> missed = new ArrayList<>();
            List<String> perIntent = new ArrayList<>();
            for (Map.Entry<String, List<String>> intent : e.getValue().entrySet()) {
                int intentFound = 0;
                for (String line : intent.getValue()) {
                    total++;
                    List<String> got = library.matcher.match(scenario, line).stream().map(MatchedIntent::id).toList();
                    if (got.contains(intent.getKey())) {
                        found++;
                        intentFound++;
                    } else {
                        missed.add(intent.getKey() + ": \"" + line + "\" -> " + got);
                    }
                }
                perIntent.add(intent.getKey() + " " + intentFound + "/" + intent.getValue().size());
            }
            double recall = (double) found / total;
            System.out.printf(Locale.ROOT, "%s: topic-intent recall %.3f (%d of %d; %s)%n", e.getKey(), recall, found,
                    total, String.join(", ", perIntent));
            Double floor = KNOWN_GAPS.get(e.getKey());
            assertThat(recall).as("%s recall %.3f; missed:%n%s", e.getKey(), recall, String.join("\n", missed))
                    .isGreaterThanOrEqualTo(floor == null ? MIN_RECALL : floor);
            if (floor != null) {
                assertThat(recall).as("%s reaches the target now: remove it from KNOWN_GAPS", e.getKey())
                        .isLessThan(MIN_RECALL);
            }
        }));
    }
}
