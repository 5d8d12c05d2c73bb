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
    /**
     * First run, 7 Dec 2026 (writer p3): 0.800, 0.867 and 0.889; the other three scenarios 0.900–0.933. After 384 new
     * examples (8 Dec, written from the scenario files alone): early-upfront-contract 0.800 and ready-to-sign 0.867
     * unchanged, stalled-after-demos 0.933 (met).
     */
    static final Map<String, Double> KNOWN_GAPS = Map.of(
            "early-upfront-contract", 0.80,
            "ready-to-sign", 0.86);
    static final Path DIR = Path.of("src/test/resources/paraphrases-held-out");
    /**
     * The second held-out set (8 Dec 2026): two writers, p4 (Bangalore inside-sales rep, Indian English) and p5 (Houston
     * field-sales veteran, plain and folksy), who saw only each scenario's situation and its intents' descriptions; 15
     * lines per intent each, 480 lines. Run once before the 8 Dec examples (committee-call 0.825, defensive-champion
     * 0.800, early-upfront-contract 0.783, no-budget-friendzone 0.733, ready-to-sign 0.833, stalled-after-demos 0.778)
     * and once after, which gave these floors; nothing was changed with its lines in view. Every scenario is under
     * the target: a new writer's register is where the intents are weakest.
     */
    static final Map<String, Double> KNOWN_GAPS_2 = Map.of(
            "committee-call", 0.83,
            "defensive-champion", 0.80,
            "early-upfront-contract", 0.83,
            "no-budget-friendzone", 0.81,
            "ready-to-sign", 0.86,
            "stalled-after-demos", 0.80);
    static final Path DIR_2 = Path.of("src/test/resources/paraphrases-held-out-2");

    @TestFactory
    Stream<DynamicTest> every_scenario_recognises_its_topic_intents_in_a_new_writers_words() {
        return ParaphraseRecall.perScenario(DIR, KNOWN_GAPS);
    }

    @TestFactory
    Stream<DynamicTest> every_scenario_recognises_its_topic_intents_in_two_more_writers_words() {
        return ParaphraseRecall.perScenario(DIR_2, KNOWN_GAPS_2);
    }
}
