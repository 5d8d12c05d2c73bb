package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code move('pressure')} in a scenario's conditions, answered by the real engine: it holds for a line carrying any
 * pressure label and for no other line. The moves are given by a fixed classifier ("label, label | text"), so only the
 * engine's expression context is under test (ExpressionTest checks the expression language on its own context).
 */
class EnginePressureConditionTest {
    private static final String YAML = """
            schema: dtr-scenario/1
            id: pressure-condition
            title: Pressure condition
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
            intents:
              asks_about_vendor: {examples: ["how is the vendor you use today working out"], keywords: [incumbent]}
            reactions:
              pressure: {effects: {defensiveness: +20}, say: ["Reaction to pressure."]}
              rapport: {say: ["Reaction to rapport."]}
              acknowledge: {say: ["Reaction to thanks."]}
              pitch: {effects: {defensiveness: +40}, say: ["Reaction to a pitch."]}
            timing: {window: {from_turn: 1, to_turn: 3}, ready_when: "comfort >= 50"}
            script:
              start: open
              global:
                - {when: "move('pressure') && move('rapport')", say: ["State rule: friendly words, still pushing."]}
              nodes:
                open:
                  on:
                    - {match: {move: acknowledge}, say: ["Trigger for the thanks."]}
                  no_match: ["Sorry?"]
            endings:
              walked_out: {when: "move('pressure') && defensiveness >= 60", outcome: shut_down,
                           description: "She left after being pushed twice."}
            """;

    /** "label, label | text": the labels before the bar are the line's moves, all sure. */
    private static final MoveClassifier GIVEN = text -> Arrays.stream(text.substring(0, text.indexOf('|')).split(","))
            .map(String::strip).filter(l -> !l.isEmpty()).map(l -> new Move(l, 0.9)).toList();

    private final Scenario scenario = new ScenarioLoader().parse("t.yaml", YAML.getBytes(StandardCharsets.UTF_8))
            .orThrow();
    private final Engine engine = new Engine(scenario, new IntentMatcher(TextEmbedder.create()), GIVEN);

    @Test
    void should_fire_a_state_rule_on_move_pressure_for_a_line_carrying_a_pressure_label() {
        Turn t = engine.step(engine.start(0), "rapport, pressure.peer | Great week! Everyone else has signed.").turn();
        assertThat(t.prospect()).isEqualTo("State rule: friendly words, still pushing.");
    }

    @Test
    void should_not_fire_the_state_rule_for_the_same_line_without_pressure() {
        Turn t = engine.step(engine.start(0), "rapport | Great week!").turn();
        assertThat(t.prospect()).isEqualTo("Reaction to rapport.");
    }

    @Test
    void should_end_on_a_condition_naming_pressure_once_it_holds() {
        Step first = engine.step(engine.start(0), "pressure.ultimatum | Sign by Friday.");
        assertThat(first.turn().ending()).isEmpty();
        assertThat(first.turn().stateAfter()).containsEntry("defensiveness", 40);

        Step second = engine.step(first.after(), "pressure.false_urgency | The price goes up tomorrow.");
        assertThat(second.turn().stateAfter()).containsEntry("defensiveness", 60);
        assertThat(second.turn().ending()).contains("walked_out");
    }

    @Test
    void should_not_end_on_that_condition_when_the_line_carries_no_pressure() {
        Step pushed = engine.step(engine.start(0), "pressure.ultimatum | Sign by Friday.");
        Step pitched = engine.step(pushed.after(), "pitch | Our new release halves the setup time.");
        assertThat(pitched.turn().stateAfter()).containsEntry("defensiveness", 80);
        assertThat(pitched.turn().ending()).isEmpty();

        Step again = engine.step(pitched.after(), "pressure.leading | You'd agree it's a no-brainer?");
        assertThat(again.turn().ending()).contains("walked_out");
    }
}
