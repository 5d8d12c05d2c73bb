package io.dtrcoach.scenarios;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Each scenario's topic intents on words nobody on the team wrote: paraphrases written by independent writers who
 * did not write the scenario, from each intent's one-line description only
 * ({@code src/test/resources/paraphrases/<writer>.yaml}). Per scenario, at least {@value ParaphraseRecall#MIN_RECALL} of them must
 * match their intent, but for the scenarios in {@link #KNOWN_GAPS}, which must stay at or above the floor given there
 * (and fail the test once they reach the target, so the list only shrinks).
 *
 * <p>A development set since 7 Dec 2026: committee-call's missed lines were printed to the console once while a
 * rejected change was tried (no example was written after that). The held-out measure is
 * {@link HeldOutParaphraseRecallTest}.
 */
class IntentParaphraseRecallTest {
    /** Scenarios under the target today, with the recall they must not fall below (docs/classifier.md). */
    static final Map<String, Double> KNOWN_GAPS = Map.of(
            "committee-call", 0.85);
    static final Path DIR = Path.of("src/test/resources/paraphrases");

    @TestFactory
    Stream<DynamicTest> every_scenario_recognises_its_topic_intents_in_other_writers_words() {
        return ParaphraseRecall.perScenario(DIR, KNOWN_GAPS);
    }
}
