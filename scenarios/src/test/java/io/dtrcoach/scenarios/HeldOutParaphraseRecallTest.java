package io.dtrcoach.scenarios;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Topic-intent recall on held-out paraphrases ({@code src/test/resources/paraphrases-held-out/<writer>.yaml}):
 * written on 7 Dec 2026 by a writer who saw only each scenario's situation and each intent's one-line description,
 * after the first paraphrase set had become a development set. Nothing was changed with these lines in view; the
 * known gaps and their floors are the first run's figures (docs/classifier.md), and only a later held-out set may
 * show that a fix closed them.
 */
class HeldOutParaphraseRecallTest {
    /** First run, 7 Dec 2026 (writer p3): 0.800, 0.867 and 0.889; the other three scenarios 0.900–0.933. */
    static final Map<String, Double> KNOWN_GAPS = Map.of(
            "early-upfront-contract", 0.80,
            "ready-to-sign", 0.86,
            "stalled-after-demos", 0.88);
    static final Path DIR = Path.of("src/test/resources/paraphrases-held-out");

    @TestFactory
    Stream<DynamicTest> every_scenario_recognises_its_topic_intents_in_a_new_writers_words() {
        return ParaphraseRecall.perScenario(DIR, KNOWN_GAPS);
    }
}
