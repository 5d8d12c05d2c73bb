package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PressureScoreTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    private Dimension pressure(Engine e, Talk talk) {
        return scorer.score(e, talk.build()).dimensions().get("pressure");
    }

    private Dimension pressure(Talk talk) {
        return pressure(engine, talk);
    }

    private Talk opening() {
        return Talk.on(engine).rep("What's changed since we last spoke?", "open_question");
    }

    @Test
    void should_give_100_when_the_rep_asks_directly_without_coercion() {
        Dimension d = pressure(opening().rep("Can I ask you straight: is this going ahead, yes or no?", "dtr_ask"));

        assertThat(d.score()).isEqualTo(100);
        assertThat(d.evidence()).isEmpty();
        assertThat(d.explanation()).contains("No coercive moves");
    }

    @Test
    void should_cost_more_for_an_ultimatum_than_for_a_leading_question() {
        int ultimatum = pressure(opening().rep("Sign by Friday or I'm closing your file.", "pressure.ultimatum")).score();
        int leading = pressure(opening().rep("There's no reason not to move forward, is there?", "pressure.leading"))
                .score();

        assertThat(ultimatum).isEqualTo(75);
        assertThat(leading).isEqualTo(90);
    }

    @Test
    void should_cost_more_for_each_repeated_coercive_move() {
        int once = 100 - pressure(opening().rep("Decide today, the price goes at quarter-end.",
                "pressure.false_urgency")).score();
        int twice = 100 - pressure(opening()
                .rep("Decide today, the price goes at quarter-end.", "pressure.false_urgency")
                .rep("Really, today is the last day for this price.", "pressure.false_urgency")).score();
        int thrice = 100 - pressure(opening()
                .rep("Decide today, the price goes at quarter-end.", "pressure.false_urgency")
                .rep("Really, today is the last day for this price.", "pressure.false_urgency")
                .rep("After today it's gone.", "pressure.false_urgency")).score();

        assertThat(twice - once).isGreaterThan(once);
        assertThat(thrice - twice).isGreaterThan(twice - once);
    }

    @Test
    void should_count_peer_pressure_double_when_several_people_share_the_decision() {
        Engine committee = Fixture.engine(Fixture.scenario().stakeholders(3).build());
        Engine single = Fixture.engine(Fixture.scenario().stakeholders(1).build());
        Talk peer = Talk.on(committee).rep("Your CFO told me he's ready, so you're the one holding this up.",
                "pressure.peer");
        Talk peerSingle = Talk.on(single).rep("Your CFO told me he's ready, so you're the one holding this up.",
                "pressure.peer");

        Dimension d = pressure(committee, peer);

        assertThat(d.score()).isEqualTo(60);
        assertThat(pressure(single, peerSingle).score()).isEqualTo(80);
        assertThat(d.explanation()).contains("peer pressure counting double");
    }

    @Test
    void should_detect_several_stakeholders_from_a_brief_that_mentions_a_committee() {
        Engine committee = Fixture.engine(Fixture.scenario()
                .situation("The buying committee of five meets next month.").build());

        assertThat(PressureScore.severalStakeholders(committee.scenario())).isTrue();
        assertThat(PressureScore.severalStakeholders(Fixture.scenario()
                .title("The committee call: three stakeholders, one champion").build())).isTrue();
        assertThat(PressureScore.severalStakeholders(engine.scenario())).isFalse();
    }

    @Test
    void should_count_controlling_language_lightly() {
        Dimension d = pressure(opening().rep("You need to get this in front of procurement now.",
                "pressure.controlling"));

        assertThat(d.score()).isEqualTo(95);
    }

    @Test
    void should_cite_every_coercive_turn_with_its_cost() {
        Dimension d = pressure(opening()
                .rep("We've put three demos into you; I think we've earned a yes.", "pressure.guilt")
                .rep("How are things with the team?", "open_question")
                .rep("Sign by Friday or I close your file.", "pressure.ultimatum"));

        assertThat(d.evidence()).extracting(Evidence::turn).containsExactly(2, 4);
        assertThat(d.evidence().get(0).note()).contains("pressure.guilt −15");
        assertThat(d.evidence().get(1).note()).contains("pressure.ultimatum −38", "coercive move #2");
        assertThat(d.evidence().get(1).rep()).isEqualTo("Sign by Friday or I close your file.");
        assertThat(d.score()).isEqualTo(47); // 100 − 15 − 38: the listed deductions are what the score lost
        assertThat(d.explanation()).contains("2 coercive moves", "guilt at turn 2", "ultimatum at turn 4",
                "cost 53 points");
    }

    @Test
    void should_lose_exactly_the_deductions_it_lists_when_repeats_cost_half_points() {
        // 5, then 5 × 1.5 = 7.5 and 5 × 2.5 = 12.5 after a leading question (10 × 2 = 20): halves round up, each once.
        Dimension d = pressure(opening()
                .rep("You need to get this in front of procurement now.", "pressure.controlling")
                .rep("You need to send me the signed form.", "pressure.controlling")
                .rep("There's no reason not to move forward, is there?", "pressure.leading")
                .rep("You need to call me back today.", "pressure.controlling"));

        int listed = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("−(\\d+)")
                .matcher(String.join(" ", d.evidence().stream().map(Evidence::note).toList()));
        while (m.find()) {
            listed += Integer.parseInt(m.group(1));
        }
        assertThat(listed).isEqualTo(5 + 8 + 20 + 13);
        assertThat(d.score()).isEqualTo(100 - listed);
        assertThat(d.explanation()).contains("cost " + listed + " points");
    }
}
