package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest {
    private static Scenario scenario;
    private static IntentMatcher matcher;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EngineTest.class.getResourceAsStream("engine-fixture.yaml")) {
            LoadResult result = new ScenarioLoader().parse("engine-fixture.yaml", in);
            assertThat(result.problems()).filteredOn(p -> p.isError()).isEmpty();
            scenario = result.scenario().orElseThrow();
        }
        matcher = new IntentMatcher(TextEmbedder.create());
    }

    private static Engine engine() {
        return new Engine(scenario, matcher, text -> text.contains("Friday")
                ? List.of(new Move("pressure.ultimatum", 0.9)) : List.of(new Move("other", 0.5)));
    }

    private static Step say(Engine engine, ProspectState state, String line) {
        return engine.step(state, line);
    }

    @Test
    void should_start_at_the_start_node_with_start_values() {
        ProspectState s = engine().start(0);
        assertThat(s.node()).isEqualTo("open");
        assertThat(s.vars()).containsExactly(Map.entry("comfort", 45), Map.entry("defensiveness", 30),
                Map.entry("agenda_agreed", 0));
        assertThat(s.turn()).isZero();
        assertThat(s.ended()).isFalse();
    }

    @Test
    void should_pick_the_opener_from_the_seed() {
        Engine e = engine();
        assertThat(e.opening(e.start(0))).isEqualTo("Hi, sorry, it's been a crazy quarter.");
        assertThat(e.opening(e.start(1))).isEqualTo("Hello. I have ten minutes.");
    }

    @Test
    void should_apply_effects_move_node_and_record_state_before_and_after() {
        Engine e = engine();
        Step step = say(e, e.start(0), "It's totally fine if the answer is no.");
        Turn t = step.turn();
        assertThat(t.number()).isEqualTo(1);
        assertThat(t.prospect()).isEqualTo("Honestly? Thanks for saying that.");
        assertThat(t.stateBefore()).containsEntry("comfort", 45).containsEntry("agenda_agreed", 0);
        assertThat(t.stateAfter()).containsEntry("comfort", 65).containsEntry("defensiveness", 15)
                .containsEntry("agenda_agreed", 1);
        assertThat(t.nodeBefore()).isEqualTo("open");
        assertThat(t.nodeAfter()).isEqualTo("opening_up");
        assertThat(t.trigger()).contains("open#0");
        assertThat(t.intents()).extracting(MatchedIntent::id).containsExactly("makes_no_safe");
        assertThat(step.after().turn()).isEqualTo(1);
    }

    @Test
    void should_clamp_values_to_the_declared_range() {
        Engine e = engine();
        Step step = say(e, e.start(0), "How was your weekend?");
        assertThat(step.turn().stateAfter()).containsEntry("comfort", 100);
    }

    @Test
    void should_reveal_budget_only_when_its_rule_holds_and_deflect_otherwise() {
        Engine e = engine();
        ProspectState atOpeningUp = e.given(e.start(0), Optional.of("opening_up"), Map.of("comfort", 40), List.of());
        Step cold = say(e, atOpeningUp, "What has changed on your side?");
        assertThat(cold.turn().revealed()).isEmpty();
        assertThat(cold.turn().prospect()).isEqualTo("Oh, you know. Busy quarter.");
        assertThat(cold.after().revealed()).isEmpty();

        ProspectState warm = e.given(e.start(0), Optional.of("opening_up"), Map.of("comfort", 70), List.of());
        Step told = say(e, warm, "What has changed on your side?");
        assertThat(told.turn().revealed()).containsExactly("budget_freeze");
        assertThat(told.after().revealed()).containsExactly("budget_freeze");
        assertThat(told.turn().ending()).contains("honest_answer");
        assertThat(told.turn().prospect()).isEqualTo("Our board froze new spend until Q3. So that's where we are.");
        assertThat(told.after().ended()).isTrue();
    }

    @Test
    void should_fire_a_once_trigger_only_once() {
        Engine e = engine();
        ProspectState s = e.start(0);
        s = say(e, s, "It's totally fine if the answer is no.").after();
        // back at open by hand: the once trigger must not fire again
        s = e.given(s, Optional.of("open"), Map.of(), List.of());
        Step again = say(e, s, "It's totally fine if the answer is no.");
        assertThat(again.turn().trigger()).isEmpty();
        assertThat(again.turn().prospect()).isEqualTo("Sorry, what do you mean?");
    }

    @Test
    void should_rotate_say_variants_and_escalate_no_match_lines() {
        Engine e = engine();
        ProspectState s = e.start(0);
        List<String> replies = new ArrayList<>();
        for (String line : List.of("The weather is nice.", "I like trains.", "Blue is a colour.", "Seven.")) {
            Step step = say(e, s, line);
            replies.add(step.turn().prospect());
            s = step.after();
        }
        assertThat(replies).containsExactly("Sorry, what do you mean?", "Can we keep this quick?",
                "I really have to go soon.", "I really have to go soon.");
        Step first = say(e, e.start(0), "How have you been?");
        Step second = say(e, first.after(), "How was your weekend?");
        assertThat(List.of(first.turn().prospect(), second.turn().prospect()))
                .containsExactly("Fine, thanks.", "Busy, but fine.");
    }

    @Test
    void should_try_global_triggers_first_and_end_when_defensiveness_boils_over() {
        Engine e = engine();
        Step one = say(e, e.start(0), "Can you sign by Friday?");
        assertThat(one.turn().trigger()).contains("global#0");
        assertThat(one.turn().moves()).extracting(Move::label).containsExactly("pressure.ultimatum");
        Step two = say(e, one.after(), "Seriously, sign it this week.");
        assertThat(two.turn().stateAfter()).containsEntry("defensiveness", 100);
        assertThat(two.turn().ending()).contains("shut_down");
        assertThat(e.outcomeOf("shut_down").name()).isEqualTo("shut_down");
    }

    @Test
    void should_end_at_the_turn_limit() {
        Engine e = engine();
        ProspectState s = e.start(0);
        for (int i = 0; i < 6; i++) {
            s = say(e, s, "Numbers " + i).after();
        }
        assertThat(s.ending()).contains(Engine.TURN_LIMIT);
        ProspectState ended = s;
        assertThatThrownBy(() -> e.step(ended, "one more")).isInstanceOf(ConversationEnded.class);
    }

    @Test
    void should_end_by_rep_once_and_keep_the_state() {
        Engine e = engine();
        ProspectState s = say(e, e.start(0), "How have you been?").after();
        ProspectState ended = e.endByRep(s);
        assertThat(ended.ending()).contains(Engine.REP_ENDED);
        assertThat(ended.vars()).isEqualTo(s.vars());
        assertThat(e.endByRep(ended)).isSameAs(ended);
    }

    @Test
    void should_match_a_paraphrase_that_shares_no_keywords_with_the_examples() {
        String paraphrase = "Did something come up on your end?";
        List<MatchedIntent> m = matcher.match(scenario, paraphrase);
        assertThat(m).as("similarity %.3f", matcher.similarity(scenario, "asks_what_changed", paraphrase))
                .extracting(MatchedIntent::id).contains("asks_what_changed");
        assertThat(m).filteredOn(i -> i.id().equals("asks_what_changed")).first()
                .satisfies(i -> assertThat(i.via()).isIn("embedding", "closest"));
    }

    @Test
    void should_not_stretch_an_intent_that_restates_a_shared_move_below_its_threshold() {
        // This fixture's makes_no_safe restates a shared move (permission_no): a paraphrase under its threshold is
        // nearer to generic talk than to it, so the nearest-intent rule leaves it to the move classifier.
        String paraphrase = "Honestly, if you'd rather walk away, I won't be upset.";
        assertThat(matcher.similarity(scenario, "makes_no_safe", paraphrase)).isLessThan(0.55);
        assertThat(matcher.match(scenario, paraphrase)).extracting(MatchedIntent::id).doesNotContain("makes_no_safe");
    }

    @Test
    void should_match_keywords_only_on_word_boundaries() {
        assertThat(matcher.match(scenario, "Any blocker I should know about?"))
                .extracting(MatchedIntent::id, MatchedIntent::via).contains(org.assertj.core.groups.Tuple.tuple("asks_what_changed", "keyword"));
        assertThat(matcher.match(scenario, "We resigned ourselves to a slow quarter."))
                .extracting(MatchedIntent::id).doesNotContain("pushes_to_close");
    }

    @Test
    void should_give_the_same_transcript_for_the_same_inputs() {
        List<String> lines = List.of("How have you been?", "It's totally fine if the answer is no.",
                "What has changed on your side?");
        assertThat(run(lines)).isEqualTo(run(lines));
    }

    private static List<Turn> run(List<String> lines) {
        Engine e = engine();
        ProspectState s = e.start(7);
        List<Turn> turns = new ArrayList<>();
        for (String l : lines) {
            if (s.ended()) {
                break;
            }
            Step step = e.step(s, l);
            turns.add(step.turn());
            s = step.after();
        }
        return turns;
    }

    @Test
    void should_run_the_scenario_tests_and_report_failures_at_the_turn() {
        ScenarioTestRunner.Summary summary = new ScenarioTestRunner(engine()).runAll();
        assertThat(summary.passed()).as(summary.toString()).isTrue();
        assertThat(summary.nodesNeverReached()).isEmpty();
        assertThat(summary.factsNeverRevealed()).isEmpty();
    }
}
