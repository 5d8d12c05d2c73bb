package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimingScoreTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    private Dimension timing(Talk talk) {
        return scorer.score(engine, talk.build()).dimensions().get("timing");
    }

    /** Warms her up on turn 1 (comfort 45 → 60, defensiveness 30 → 20), then asks on turn {@code askAt}. */
    private Talk warmThenAskAt(int askAt) {
        return Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .fillUntil(askAt)
                .rep("Where do you honestly see this going?", "dtr_ask");
    }

    @Test
    void should_score_an_ask_inside_the_window_while_ready_at_90_and_quote_her_state() {
        Dimension d = timing(warmThenAskAt(3));

        assertThat(d.score()).isEqualTo(90);
        assertThat(d.explanation()).contains("turn 3", "inside the window", "comfort 60", "defensiveness 20");
        Evidence ask = d.evidence().stream().filter(e -> e.turn() == 3).findFirst().orElseThrow();
        assertThat(ask.rep()).isEqualTo("Where do you honestly see this going?");
        assertThat(ask.state()).containsEntry("comfort", 60).containsEntry("defensiveness", 20);
        assertThat(ask.note()).contains("first DTR ask", "ready", "comfort 60");
    }

    @Test
    void should_reward_permission_to_say_no_up_front() {
        Talk withContract = Talk.on(engine)
                .rep("It's completely fine if the answer is no today.", "permission_no")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("Where do you honestly see this going?", "dtr_ask");
        Dimension d = timing(withContract);

        assertThat(d.score()).isEqualTo(100);
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(1);
            assertThat(e.note()).contains("up-front contract");
        });
        assertThat(d.score()).isGreaterThan(timing(warmThenAskAt(2)).score());
    }

    @Test
    void should_take_permission_to_say_no_with_a_question_as_the_ask() {
        Dimension d = timing(Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("If this is dead, that's okay. What happened last Tuesday?", "permission_no", "open_question"));

        assertThat(d.score()).isGreaterThanOrEqualTo(90);
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(2);
            assertThat(e.note()).contains("permission to say no with a question");
        });
    }

    @Test
    void should_take_a_question_on_a_topic_the_scenario_names_in_timing_asks_as_the_ask() {
        Engine withTopicAsk = Fixture.engine(Fixture.scenario().timingAsks("asks_about_meeting").build());
        Talk talk = Talk.on(withTopicAsk)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("What happened when you took it to the board?", "open_question").intent("asks_about_meeting");
        Dimension d = scorer.score(withTopicAsk, talk.build()).dimensions().get("timing");

        assertThat(d.score()).isEqualTo(90);
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(2);
            assertThat(e.note()).contains("first DTR ask (asks_about_meeting, this scenario's ask)");
        });
        // the same turns where the scenario does not name the topic: no ask at all
        assertThat(scorer.score(engine, Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("What happened when you took it to the board?", "open_question").intent("asks_about_meeting")
                .build()).dimensions().get("timing").score()).isEqualTo(TimingScore.NEVER_ASKED);
    }

    @Test
    void should_not_take_a_statement_on_the_ask_topic_as_the_ask() {
        Engine withTopicAsk = Fixture.engine(Fixture.scenario().timingAsks("asks_about_meeting").build());
        Dimension d = scorer.score(withTopicAsk, Talk.on(withTopicAsk)
                .rep("I heard the board meeting was last week.", "acknowledge").intent("asks_about_meeting")
                .build()).dimensions().get("timing");

        assertThat(d.score()).isEqualTo(TimingScore.NEVER_ASKED);
    }

    @Test
    void should_not_count_permission_offered_after_a_push_as_an_up_front_contract() {
        Dimension d = timing(Talk.on(engine)
                .rep("This price goes at quarter-end.", "pressure.false_urgency")
                .rep("It's totally fine if it's a no. Where do things stand?", "permission_no", "dtr_ask"));

        assertThat(d.evidence()).noneSatisfy(e -> assertThat(e.note()).contains("up-front contract"));
        assertThat(d.explanation()).doesNotContain("agreeing up front");
    }

    @Test
    void should_count_an_agenda_flag_turning_true_as_an_up_front_contract() {
        Talk agenda = Talk.on(engine)
                .rep("Could we agree what this call should decide?", "open_question")
                .change("comfort", 15).change("defensiveness", -10).set("agenda_agreed", 1)
                .rep("Where do you honestly see this going?", "dtr_ask");

        Dimension d = timing(agenda);

        assertThat(d.score()).isEqualTo(100);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.note()).contains("agenda_agreed became true"));
    }

    @Test
    void should_count_a_flag_described_as_making_no_acceptable_as_an_up_front_contract() {
        Engine e = Fixture.engine(Fixture.scenario()
                .boolVar("not_yet_ok", "The rep made 'not yet' or 'no' an acceptable answer for the group").build());
        Talk talk = Talk.on(e)
                .rep("Not yet is a perfectly good answer today.", "other")
                .change("comfort", 15).change("defensiveness", -10).set("not_yet_ok", 1)
                .rep("Where do you honestly see this going?", "dtr_ask");

        assertThat(scorer.score(e, talk.build()).dimensions().get("timing").evidence())
                .anySatisfy(ev -> assertThat(ev.note()).contains("not_yet_ok became true"));
    }

    @Test
    void should_score_lower_the_later_the_ask_comes_after_the_window() {
        int inWindow = timing(warmThenAskAt(5)).score();
        int oneLate = timing(warmThenAskAt(6)).score();
        int twoLate = timing(warmThenAskAt(7)).score();
        int fourLate = timing(warmThenAskAt(9)).score();

        assertThat(inWindow).isGreaterThan(oneLate);
        assertThat(oneLate).isGreaterThan(twoLate);
        assertThat(twoLate).isGreaterThan(fourLate);
        // progressively: the second turn late costs more than the first
        assertThat(oneLate - twoLate).isGreaterThan(inWindow - oneLate);
        assertThat(timing(warmThenAskAt(7)).explanation()).contains("2 turns after the window (turns 2–5) closed");
    }

    @Test
    void should_penalise_asking_before_the_window_while_she_is_not_ready() {
        Dimension early = timing(Talk.on(engine).rep("So, are we doing this deal or not?", "dtr_ask"));

        assertThat(early.score()).isLessThan(60);
        assertThat(early.explanation()).contains("before the window", "not ready", "comfort 45");
        assertThat(early.score()).isLessThan(timing(warmThenAskAt(2)).score());
    }

    @Test
    void should_score_lower_when_asking_right_after_raising_her_defensiveness() {
        Talk calm = warmThenAskAt(4);
        Talk spiked = Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("Honestly, we've been chasing you for weeks.", "other")
                .change("defensiveness", 15)
                .rep("Thanks again for making the time today.", "rapport")
                .rep("Where do you honestly see this going?", "dtr_ask");
        // still ready at the ask (defensiveness 35 < 50), but the previous turn raised it
        Talk spikedJustBefore = Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("Thanks again for making the time today.", "rapport")
                .rep("Honestly, we've been chasing you for weeks.", "other")
                .change("defensiveness", 15)
                .rep("Where do you honestly see this going?", "dtr_ask");

        Dimension d = timing(spikedJustBefore);

        assertThat(timing(spiked).score()).isEqualTo(timing(calm).score());
        assertThat(d.score()).isLessThan(timing(calm).score());
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(3);
            assertThat(e.note()).contains("defensiveness rose 20 → 35");
        });
    }

    @Test
    void should_score_lower_when_asking_right_after_a_pressure_move() {
        Talk pushed = Talk.on(engine)
                .rep("Thanks for making time. How has the quarter been?", "rapport", "open_question")
                .change("comfort", 15).change("defensiveness", -10)
                .rep("This price disappears at quarter-end.", "pressure.false_urgency")
                .rep("Where do you honestly see this going?", "dtr_ask");

        Dimension d = timing(pushed);

        assertThat(d.score()).isLessThan(timing(warmThenAskAt(3)).score());
        assertThat(d.explanation()).contains("right after pushing Dana");
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.note()).contains("pressure.false_urgency"));
    }

    @Test
    void should_penalise_asking_while_she_is_defensive_inside_the_window() {
        Talk defensive = Talk.on(engine)
                .rep("Can we just get this signed?", "pressure.controlling")
                .change("defensiveness", 40).change("comfort", -10)
                .rep("Thanks again for making the time today.", "rapport")
                .rep("Where do you honestly see this going?", "dtr_ask");

        Dimension d = timing(defensive);

        assertThat(d.score()).isLessThanOrEqualTo(65);
        assertThat(d.explanation()).contains("not ready", "defensiveness 70");
    }

    @Test
    void should_score_never_asking_lowest_of_all() {
        Talk never = Talk.on(engine).rep("How has the quarter been?", "open_question").fillUntil(12);
        Dimension d = timing(never);
        Talk worstAsk = Talk.on(engine)
                .rep("Sign by Friday or I close your file.", "pressure.ultimatum").change("defensiveness", 50)
                .fillUntil(20)
                .rep("Where does this stand?", "dtr_ask");

        assertThat(d.score()).isBetween(0, 10);
        assertThat(d.score()).isLessThan(timing(worstAsk).score());
        assertThat(d.explanation()).contains("never asked");
        assertThat(d.evidence()).isNotEmpty();
    }
}
