package io.dtrcoach.core.classify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published accuracy targets, measured on the held-out set (never used to write examples). A drop below a
 * target fails the build; the report is printed so the failure shows where.
 */
class EvalSetQualityGateTest {
    private static ClassifierEvaluation evaluation;

    @BeforeAll
    static void evaluate() throws IOException {
        evaluation = ClassifierEvaluation.run(SharedClassifier.classifier(), ExampleSetTest.evalSet());
        System.out.print(evaluation.format());
    }

    @Test
    void should_detect_pressure_with_f1_at_least_0_90() {
        assertThat(evaluation.pressure().f1()).as(evaluation.format()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void should_detect_dtr_asks_with_f1_at_least_0_85() {
        assertThat(evaluation.scores("dtr_ask").f1()).as(evaluation.format()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void should_detect_permission_to_say_no_with_f1_at_least_0_85() {
        assertThat(evaluation.scores("permission_no").f1()).as(evaluation.format()).isGreaterThanOrEqualTo(0.85);
    }
}
