package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeScoreTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    private Report report(Talk talk) {
        return scorer.score(engine, talk.build());
    }

    private int outcome(Ending.Outcome o) {
        return report(Talk.on(engine).rep("Where does this stand?", "dtr_ask").ends(o)).dimensions().get("outcome")
                .score();
    }

    @Test
    void should_rank_a_clean_no_with_a_yes_and_above_a_stalled_maybe() {
        assertThat(outcome(Ending.Outcome.no)).isEqualTo(outcome(Ending.Outcome.yes));
        assertThat(outcome(Ending.Outcome.no)).isGreaterThan(outcome(Ending.Outcome.next_step));
        assertThat(outcome(Ending.Outcome.next_step)).isGreaterThan(outcome(Ending.Outcome.no_decision));
        assertThat(outcome(Ending.Outcome.no_decision)).isGreaterThan(outcome(Ending.Outcome.shut_down));
    }

    @Test
    void should_count_a_yes_after_pressure_for_much_less() {
        Report coerced = report(Talk.on(engine)
                .rep("Sign by Friday or I'm closing your file.", "pressure.ultimatum")
                .rep("So, are we going ahead?", "dtr_ask").ends(Ending.Outcome.yes));
        Dimension d = coerced.dimensions().get("outcome");

        assertThat(d.score()).isLessThan(outcome(Ending.Outcome.yes) - 30);
        assertThat(d.explanation()).contains("a yes that came after pressure");
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(1);
            assertThat(e.note()).contains("pressure.ultimatum");
        });
    }

    @Test
    void should_count_hidden_facts_uncovered_and_the_decision_process() {
        Talk base = Talk.on(engine)
                .rep("What's changed since we last spoke?", "open_question")
                .reply("The board froze new spend until Q3.").reveals("budget_freeze");
        int oneFact = report(base).dimensions().get("outcome").score();
        Report withProcess = report(Talk.on(engine)
                .rep("What's changed since we last spoke?", "open_question")
                .reply("The board froze new spend until Q3.").reveals("budget_freeze")
                .rep("Who else signs off on something like this?", "decision_process"));
        Dimension d = withProcess.dimensions().get("outcome");

        // open call: no decision 25 × 0.5 + facts 50 × 0.3 (+ decision 100 × 0.2)
        assertThat(oneFact).isEqualTo(28);
        assertThat(d.score()).isEqualTo(48);
        assertThat(d.explanation()).contains("1 of 2 hidden facts", "learned how the decision gets made");
        assertThat(d.evidence()).extracting(Evidence::note)
                .contains("uncovered budget_freeze", "decision process: asked how the decision gets made");
        assertThat(withProcess.outcome().revealedFacts()).containsExactly("budget_freeze");
        assertThat(withProcess.outcome().factsTotal()).isEqualTo(2);
        assertThat(withProcess.outcome().outcomeKind()).isEqualTo(Ending.Outcome.no_decision);
        assertThat(withProcess.outcome().ending()).isEmpty();
    }

    @Test
    void should_report_the_ending_and_its_outcome() {
        Report r = report(Talk.on(engine).rep("Where does this stand?", "dtr_ask").ends(Ending.Outcome.no));

        assertThat(r.outcome().ending()).hasValue("end_no");
        assertThat(r.outcome().outcomeKind()).isEqualTo(Ending.Outcome.no);
        assertThat(r.dimensions().get("outcome").evidence()).anySatisfy(e ->
                assertThat(e.note()).contains("ended: end_no", "clean no is a good outcome"));
    }
}
