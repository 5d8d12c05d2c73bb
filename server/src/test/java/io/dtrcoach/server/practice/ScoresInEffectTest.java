package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoresInEffectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Overall 63 = 0.3 × 20 + 0.2 × 90 + 0.2 × 80 + 0.15 × 70 + 0.15 × 80 (62.5, rounded up); pass mark 70. */
    private static JsonNode report() throws Exception {
        return JSON.readTree("{\"overall\":63,\"passed\":false,\"pass\":70,\"dimensions\":{"
                + "\"timing\":{\"score\":20,\"weight\":0.3},\"pressure\":{\"score\":90,\"weight\":0.2},"
                + "\"autonomy\":{\"score\":80,\"weight\":0.2},\"listening\":{\"score\":70,\"weight\":0.15},"
                + "\"outcome\":{\"score\":80,\"weight\":0.15}}}");
    }

    private static ScoresInEffect.Change change(String dimension, int score) {
        return new ScoresInEffect.Change(dimension, score);
    }

    @Test
    void should_keep_the_computed_scores_when_nothing_was_overridden() throws Exception {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of());

        assertThat(s.overall()).isEqualTo(63);
        assertThat(s.passed()).isFalse();
        assertThat(s.overallRecomputed()).isFalse();
        assertThat(s.scores()).containsEntry("timing", 20).hasSize(6);
    }

    @Test
    void should_recompute_the_overall_and_the_pass_by_the_rubric_when_a_dimension_is_overridden() throws Exception {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of(change("timing", 50), change("timing", 80)));

        assertThat(s.scores()).containsEntry("timing", 80);
        assertThat(s.overall()).isEqualTo(81); // 62.5 + 0.3 × 60 = 80.5
        assertThat(s.passed()).isTrue();
        assertThat(s.overallRecomputed()).isTrue();
    }

    @Test
    void should_let_a_reviewers_overall_stand_over_any_recomputation() throws Exception {
        ScoresInEffect s = ScoresInEffect.of(report(), List.of(change("overall", 69), change("timing", 100)));

        assertThat(s.overall()).isEqualTo(69);
        assertThat(s.passed()).isFalse();
        assertThat(s.overallRecomputed()).isFalse();
        assertThat(s.scores()).containsEntry("timing", 100);
    }

    @Test
    void should_fail_a_session_whose_overall_was_lowered_below_the_pass_mark() throws Exception {
        JsonNode passing = JSON.readTree("{\"overall\":75,\"passed\":true,\"pass\":70,\"dimensions\":{}}");

        assertThat(ScoresInEffect.of(passing, List.of(change("overall", 60))).passed()).isFalse();
        assertThat(ScoresInEffect.of(passing, List.of()).passed()).isTrue();
    }
}
