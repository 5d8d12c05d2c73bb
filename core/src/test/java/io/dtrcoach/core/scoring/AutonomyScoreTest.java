package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutonomyScoreTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    private Dimension autonomy(Talk talk) {
        return scorer.score(engine, talk.build()).dimensions().get("autonomy");
    }

    @Test
    void should_start_neutral_when_the_rep_neither_grants_nor_takes_autonomy() {
        Dimension d = autonomy(Talk.on(engine).rep("Thanks for making time today.", "rapport"));

        assertThat(d.score()).isEqualTo(AutonomyScore.BASE);
        assertThat(d.explanation()).contains("never made no a safe answer");
    }

    @Test
    void should_reward_permission_to_say_no_no_oriented_and_calibrated_questions() {
        Dimension d = autonomy(Talk.on(engine)
                .rep("It's completely fine if the answer is no.", "permission_no")
                .rep("Have you given up on this project?", "dtr_ask")
                .rep("What would need to be true for this to go ahead?", "open_question")
                .rep("How does a decision like this get made?", "decision_process"));

        assertThat(d.score()).isEqualTo(40 + 25 + 10 + 5 + 5);
        assertThat(d.evidence()).extracting(Evidence::turn).containsExactly(1, 2, 3, 4);
        assertThat(d.evidence().get(0).note()).contains("permission to say no");
        assertThat(d.evidence().get(1).note()).contains("no-oriented");
        assertThat(d.evidence().get(2).note()).contains("calibrated");
        assertThat(d.explanation()).contains("permission to say no once", "1 no-oriented", "2 calibrated");
    }

    @Test
    void should_lower_autonomy_for_controlling_and_leading_moves() {
        Dimension d = autonomy(Talk.on(engine)
                .rep("It's completely fine if the answer is no.", "permission_no")
                .rep("You need to get this in front of procurement now.", "pressure.controlling")
                .rep("So there's really no reason not to move forward, is there?", "pressure.leading"));

        assertThat(d.score()).isEqualTo(40 + 25 - 15 - 15);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.note()).contains("pressure.controlling −15"));
        assertThat(d.explanation()).contains("controlling or leading language twice");
    }
}
