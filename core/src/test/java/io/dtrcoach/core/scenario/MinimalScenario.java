package io.dtrcoach.core.scenario;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A small valid scenario as text, with line numbers the tests rely on, and edits of it. */
final class MinimalScenario {
    static final String TEXT = """
            schema: dtr-scenario/1
            id: minimal
            title: Minimal
            brief:
              prospect: "Sam Lee, CTO at Acme"
              situation: "Quiet for a month."
              history: {weeks_in_cycle: 4, demos: 1, scoped: false, pricing_sent: false, references_called: 0}
              objective: "Find out where it stands."
              max_turns: 10
            persona: {name: Sam Lee, role: CTO, openers: ["Hi."]}
            state:
              comfort: {type: int, min: 0, max: 100, start: 50}
              agreed: {type: bool, start: false}
            facts:
              - {id: budget_cut, text: "Budget was cut.", reveal_when: "comfort >= 60"}
            intents:
              asks_status: {examples: ["where do we stand"]}
            timing: {window: {from_turn: 1, to_turn: 3}, ready_when: "comfort >= 50"}
            script:
              start: open
              nodes:
                open:
                  on:
                    - {match: asks_status, effects: {comfort: +10}, reveal: budget_cut, say: ["We had a cut."]}
                  no_match: ["Sorry?"]
            endings:
              told: {when: "revealed('budget_cut')", success: true, outcome: no}
            tests:
              - name: asking reveals
                turns:
                  - {rep: "Where do we stand?", expect: {revealed: [budget_cut]}}
            reactions:
              pressure: {effects: {comfort: -10}, say: ["Hm."]}
            """;

    private MinimalScenario() {
    }

    /** The text with one exact fragment replaced (which must occur exactly once). */
    static String with(String fragment, String replacement) {
        int at = TEXT.indexOf(fragment);
        assertThat(at).as("fragment '%s' in the minimal scenario", fragment).isGreaterThanOrEqualTo(0);
        assertThat(TEXT.indexOf(fragment, at + 1)).as("fragment '%s' occurs once", fragment).isEqualTo(-1);
        return TEXT.substring(0, at) + replacement + TEXT.substring(at + fragment.length());
    }

    static LoadResult load(String yaml) {
        return new ScenarioLoader().parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
