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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario whose conditions and effects compile but divide by zero at run time (see failing-rules.yaml): each
 * failing rule is skipped for the turn, and the rep still gets the reply of the first rule that works.
 */
class EngineExpressionFailureTest {
    private static Engine engine;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EngineExpressionFailureTest.class.getResourceAsStream("failing-rules.yaml")) {
            LoadResult result = new ScenarioLoader().parse("failing-rules.yaml", in);
            assertThat(result.problems()).filteredOn(p -> p.isError()).isEmpty();
            Scenario scenario = result.scenario().orElseThrow();
            engine = new Engine(scenario, new IntentMatcher(TextEmbedder.create()), text -> List.of(new Move("other", 1.0)));
        }
    }

    @Test
    void should_skip_rules_whose_condition_effects_or_reveal_fail_and_answer_with_the_first_that_works() {
        ProspectState start = engine.start(0);

        Step step = engine.step(start, "How are things on your side?");

        assertThat(step.turn().prospect()).isEqualTo("the first rule that works");
        assertThat(step.turn().trigger()).contains("open#4");
        assertThat(step.after().vars()).containsEntry("comfort", 50).containsEntry("zero", 0);
        assertThat(step.after().revealed()).isEmpty();
    }

    @Test
    void should_treat_a_failing_ending_condition_as_not_met_and_go_on() {
        ProspectState after = engine.step(engine.start(0), "Hello").after();

        assertThat(after.ended()).isFalse();
        Step next = engine.step(after, "And now?");
        assertThat(next.turn().number()).isEqualTo(2);
        assertThat(next.after().ending()).isEmpty();
    }

    @Test
    void should_treat_a_failing_ready_when_as_not_ready() {
        ProspectState start = engine.start(0);

        assertThat(engine.ready(start.vars(), 1, List.of(), "open")).isFalse();
    }
}
