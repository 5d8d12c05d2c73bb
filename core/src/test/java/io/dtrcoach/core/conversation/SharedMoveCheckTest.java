package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedMoveCheckTest {
    private static final String YAML = """
            schema: dtr-scenario/1
            id: redefines
            title: Redefines
            brief:
              prospect: "Sam Lee, CTO at Acme"
              situation: "Quiet for a month."
              history: {weeks_in_cycle: 4, demos: 1, scoped: false, pricing_sent: false, references_called: 0}
              objective: "Find out where it stands."
              max_turns: 10
            persona: {name: Sam Lee, role: CTO, openers: ["Hi."]}
            state:
              comfort: {type: int, min: 0, max: 100, start: 50}
            intents:
              makes_no_safe:
                examples:
                  - "It's completely fine if the answer is no."
                  - "You won't hurt my feelings if this is a no."
                  - "No hard feelings at all if you decide to pass."
                  - "A clear no would honestly help me more than a maybe."
              asks_about_incumbent:
                examples:
                  - "Who are you using for this today?"
                  - "How is the current vendor working out for you?"
                  - "When does your contract with them come up for renewal?"
            timing: {window: {from_turn: 1, to_turn: 3}, ready_when: "comfort >= 50"}
            script:
              start: open
              nodes:
                open:
                  on:
                    - {match: makes_no_safe, say: ["Thanks."]}
                    - {match: asks_about_incumbent, say: ["We use Zendesk."]}
                  no_match: ["Sorry?"]
            endings:
              told: {when: "comfort > 90", success: true, outcome: no}
            """;

    @Test
    void should_warn_about_an_intent_the_shared_classifier_reads_as_one_shared_move_and_only_that_one() {
        Scenario scenario = new ScenarioLoader().parse("t.yaml", YAML.getBytes(StandardCharsets.UTF_8)).orThrow();
        List<Problem> problems = new SharedMoveCheck(TrainedMoveClassifier.create(TextEmbedder.create()))
                .check(scenario);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.location().line()).isEqualTo(14);
            assertThat(p.message()).startsWith("intent 'makes_no_safe' looks like the shared move 'permission_no'")
                    .contains("match {move: permission_no} instead");
        });
    }
}
