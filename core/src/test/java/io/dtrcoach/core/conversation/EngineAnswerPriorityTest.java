package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the engine answers a line on the shared vocabulary: the act that matters most wins (by a trigger for it, else
 * the persona's reaction), sure acts before unsure ones, state rules first, and pressure always costs. The moves are
 * given by a fixed classifier ("moves: a, b | text"), so only the engine is under test.
 */
class EngineAnswerPriorityTest {
    private static final String YAML = """
            schema: dtr-scenario/1
            id: priority
            title: Priority
            brief:
              prospect: "Sam Lee, CTO at Acme"
              situation: "Quiet for a month."
              history: {weeks_in_cycle: 4, demos: 1, scoped: false, pricing_sent: false, references_called: 0}
              objective: "Find out where it stands."
              max_turns: 10
            persona: {name: Sam Lee, role: CTO, openers: ["Hi."]}
            state:
              comfort: {type: int, min: 0, max: 100, start: 50}
              defensiveness: {type: int, min: 0, max: 100, start: 20}
              late: {type: bool, start: false}
            intents:
              asks_about_vendor: {examples: ["how is the vendor you use today working out"], keywords: [incumbent]}
            reactions:
              pressure: {effects: {defensiveness: +20}, say: ["That's a lot of pressure."]}
              acknowledge: {say: ["Sure."]}
              rapport:
                - {when: "comfort >= 60", effects: {comfort: +5}, say: ["Ha, warm reply."]}
                - {effects: {comfort: +5}, say: ["Cool reply."]}
              dtr_ask: {say: ["Reaction to the ask."]}
            timing: {window: {from_turn: 1, to_turn: 3}, ready_when: "comfort >= 50"}
            script:
              start: open
              global:
                - {when: "late", say: ["Out of time."]}
              nodes:
                open:
                  on:
                    - {match: {move: acknowledge}, say: ["Trigger for the thanks."]}
                    - {match: {move: dtr_ask}, effects: {comfort: +10}, say: ["Trigger for the ask."]}
                    - {match: asks_about_vendor, say: ["Trigger for the vendor."]}
                  no_match: ["Sorry?"]
            endings:
              never: {when: "comfort > 1000", success: true, outcome: no}
            """;

    /** "label, label | text": the labels before the bar are the line's moves; a label ending in ? is unsure. */
    private static final MoveClassifier GIVEN = text -> {
        int bar = text.indexOf('|');
        List<Move> out = new ArrayList<>();
        for (String l : text.substring(0, bar).split(",")) {
            String label = l.strip();
            if (!label.isEmpty()) {
                out.add(label.endsWith("?") ? new Move(label.substring(0, label.length() - 1), 0.4, true)
                        : new Move(label, 0.9));
            }
        }
        return out.isEmpty() ? List.of(new Move("other", 1.0)) : out;
    };

    private final Scenario scenario = new ScenarioLoader().parse("t.yaml", YAML.getBytes(StandardCharsets.UTF_8))
            .orThrow();
    private final Engine engine = new Engine(scenario, new IntentMatcher(TextEmbedder.create()), GIVEN);

    private Turn say(String line) {
        return engine.step(engine.start(0), line).turn();
    }

    @Test
    void should_answer_the_act_that_matters_most_not_the_first_trigger_in_the_file() {
        Turn t = say("acknowledge, dtr_ask | Thanks. So where are we?");
        assertThat(t.answered()).isEqualTo("dtr_ask");
        assertThat(t.prospect()).isEqualTo("Trigger for the ask.");
    }

    @Test
    void should_answer_pressure_by_its_reaction_before_a_trigger_for_a_lesser_act() {
        Turn t = say("acknowledge, pressure.ultimatum | Thanks. Sign by Friday or I walk.");
        assertThat(t.answered()).isEqualTo("pressure.ultimatum");
        assertThat(t.prospect()).isEqualTo("That's a lot of pressure.");
        assertThat(t.stateAfter()).containsEntry("defensiveness", 40);
    }

    @Test
    void should_answer_sure_acts_before_unsure_ones() {
        Turn t = say("pressure.guilt?, acknowledge | Thanks, we've put a lot into this.");
        assertThat(t.answered()).isEqualTo("acknowledge");
        // an unsure pressure move does not add the pressure reaction's effects either
        assertThat(t.stateAfter()).containsEntry("defensiveness", 20);
    }

    @Test
    void should_answer_a_topic_intent_before_the_ask() {
        Turn t = say("dtr_ask | Where are we, and how's the incumbent working out?");
        assertThat(t.answered()).isEqualTo("asks_about_vendor");
        assertThat(t.prospect()).isEqualTo("Trigger for the vendor.");
    }

    @Test
    void should_give_the_reaction_variant_whose_condition_holds_when_no_trigger_names_the_move() {
        Turn cool = say("rapport | How was the weekend?");
        assertThat(cool.prospect()).isEqualTo("Cool reply.");
        ProspectState warm = engine.given(engine.start(0), java.util.Optional.empty(),
                java.util.Map.of("comfort", 70), List.of());
        assertThat(engine.step(warm, "rapport | How was the weekend?").turn().prospect()).isEqualTo("Ha, warm reply.");
    }

    @Test
    void should_fall_back_only_when_no_rule_or_reaction_answers_any_act() {
        Turn t = say("| asdf qwerty");
        assertThat(t.answered()).isEqualTo(Engine.NO_MATCH);
        assertThat(t.prospect()).isEqualTo("Sorry?");
    }

    @Test
    void should_let_a_state_rule_answer_first_and_still_make_pressure_cost() {
        ProspectState late = engine.given(engine.start(0), java.util.Optional.empty(), java.util.Map.of("late", 1),
                List.of());
        Turn t = engine.step(late, "dtr_ask, pressure.false_urgency | Decide today, where are we?").turn();
        assertThat(t.answered()).isEqualTo(Engine.STATE_RULE);
        assertThat(t.prospect()).isEqualTo("Out of time.");
        assertThat(t.stateAfter()).containsEntry("defensiveness", 40);
    }
}
