package io.dtrcoach.core.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassifierEvaluationTest {
    /** A fixed answer per line, so the expected figures can be worked out by hand. */
    private static MoveClassifier answering(Map<String, List<String>> answers) {
        return text -> answers.get(text).stream().map(l -> new Move(l, 0.9)).toList();
    }

    private static ExampleSet set(String tsv) throws IOException {
        return ExampleSet.parse(new StringReader(tsv), "test.tsv");
    }

    @Test
    void should_count_precision_recall_f1_and_support_per_label() throws IOException {
        ExampleSet gold = set("""
                dtr_ask\tA
                dtr_ask\tB
                open_question\tC
                other\tD
                """);
        MoveClassifier c = answering(Map.of("A", List.of("dtr_ask"), "B", List.of("other"),
                "C", List.of("dtr_ask", "open_question"), "D", List.of("other")));

        ClassifierEvaluation e = ClassifierEvaluation.run(c, gold);

        ClassifierEvaluation.Scores dtr = e.scores("dtr_ask");
        assertThat(dtr.support()).isEqualTo(2);
        assertThat(dtr.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(dtr.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(dtr.f1()).isCloseTo(0.5, within(1e-9));
        assertThat(e.scores("open_question").f1()).isCloseTo(1.0, within(1e-9));
        assertThat(e.scores("other").precision()).isCloseTo(0.5, within(1e-9));
        assertThat(e.exactMatch()).isCloseTo(0.5, within(1e-9));
        assertThat(e.misses()).extracting(ClassifierEvaluation.Miss::text).containsExactly("B", "C");
    }

    @Test
    void should_count_any_pressure_kind_on_both_sides_as_the_pressure_class() throws IOException {
        ExampleSet gold = set("""
                pressure.ultimatum\tA
                pressure.guilt\tB
                permission_no\tC
                """);
        MoveClassifier c = answering(Map.of("A", List.of("pressure.false_urgency"), "B", List.of("other"),
                "C", List.of("pressure.leading")));

        ClassifierEvaluation.Scores p = ClassifierEvaluation.run(c, gold).pressure();

        assertThat(p.support()).isEqualTo(2);
        assertThat(p.truePositives()).isEqualTo(1);
        assertThat(p.falsePositives()).isEqualTo(1);
        assertThat(p.falseNegatives()).isEqualTo(1);
        assertThat(p.f1()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void should_say_what_was_predicted_instead_and_where_a_label_was_spurious() throws IOException {
        ExampleSet gold = set("""
                summary\tA
                next_step\tB
                """);
        MoveClassifier c = answering(Map.of("A", List.of("next_step"), "B", List.of("next_step")));

        ClassifierEvaluation e = ClassifierEvaluation.run(c, gold);

        assertThat(e.predictedInstead()).containsEntry("summary", Map.of("next_step", 1));
        assertThat(e.spuriousOn()).containsEntry("next_step", Map.of("summary", 1));
        assertThat(e.format()).contains("summary", "missed 1, predicted instead: next_step x1")
                .contains("spurious 1, on lines labelled: summary x1").contains("pressure");
    }
}
