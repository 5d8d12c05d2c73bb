package io.dtrcoach.core.scoring;

import io.dtrcoach.core.scenario.Ending;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ScoresInEffectTest {

    /** Overall 63 = 0.3 × 20 + 0.2 × 90 + 0.2 × 80 + 0.15 × 70 + 0.15 × 80 (62.5, rounded up); pass mark 70. */
    private static Report report() {
        Map<String, Dimension> dims = new LinkedHashMap<>();
        dims.put("timing", dimension(20, 0.3));
        dims.put("pressure", dimension(90, 0.2));
        dims.put("autonomy", dimension(80, 0.2));
        dims.put("listening", dimension(70, 0.15));
        dims.put("outcome", dimension(80, 0.15));
        return report(63, false, dims, true);
    }

    private static Dimension dimension(int score, double weight) {
        return new Dimension(score, weight, "because", List.of());
    }

    private static Report report(int overall, boolean passed, Map<String, Dimension> dims, boolean success) {
        return new Report("s", overall, passed, 70, dims, new Delivery(0, 0, 0, 0, OptionalDouble.empty(), 0, 0, 0, 0, 0, 0),
                new OutcomeSummary(Optional.of("end"), Ending.Outcome.no, List.of(), 0, false, List.of(), success),
                new TimingSummary(new TimingSummary.Window(1, 2), OptionalInt.empty()), "Hi", List.of(), List.of());
    }

    private static ScoresInEffect.Change change(String dimension, int score) {
        return new ScoresInEffect.Change(dimension, score);
    }

    @Test
    void should_keep_the_computed_scores_when_nothing_was_overridden() {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of());

        assertThat(s.overall()).isEqualTo(63);
        assertThat(s.passed()).isFalse();
        assertThat(s.overallRecomputed()).isFalse();
        assertThat(s.scores()).containsEntry("timing", 20).hasSize(6);
    }

    @Test
    void should_recompute_the_overall_and_the_pass_by_the_rubric_when_a_dimension_is_overridden() {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of(change("timing", 50), change("timing", 80)));

        assertThat(s.scores()).containsEntry("timing", 80);
        assertThat(s.overall()).isEqualTo(81); // 62.5 + 0.3 × 60 = 80.5
        assertThat(s.passed()).isTrue();
        assertThat(s.overallRecomputed()).isTrue();
    }

    @Test
    void should_let_a_reviewers_overall_stand_over_any_recomputation() {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of(change("overall", 69), change("timing", 100)));

        assertThat(s.overall()).isEqualTo(69);
        assertThat(s.passed()).isFalse();
        assertThat(s.overallRecomputed()).isFalse();
        assertThat(s.scores()).containsEntry("timing", 100);
    }

    @Test
    void should_fail_a_session_whose_overall_was_lowered_below_the_pass_mark() {
        Report passing = report(75, true, Map.of(), true);

        assertThat(ScoresInEffect.of(passing, List.of(change("overall", 60))).passed()).isFalse();
        assertThat(ScoresInEffect.of(passing, List.of()).passed()).isTrue();
    }

    @Test
    void should_not_pass_a_session_without_a_success_ending_whatever_its_overall() {
        Report noSuccess = report(75, false, Map.of(), false);

        assertThat(ScoresInEffect.of(noSuccess, List.of(change("overall", 95))).passed()).isFalse();
    }
}
