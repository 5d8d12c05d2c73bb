package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled conditions and effects of a loaded file drive the real engine as the file says. */
class LoadedScenarioRunsTest {
    /** Labels every line "other": the scenario's rules under test do not depend on moves. */
    private static final MoveClassifier OTHER = text -> List.of(new Move("other", 1.0));

    @Test
    void should_open_up_and_reveal_the_budget_freeze_when_the_rep_makes_no_safe_then_asks_what_changed() {
        Scenario scenario = new ScenarioLoader().load(Path.of("src/test/resources/scenario/northwind-catch-up.yaml"))
                .orThrow();
        Engine engine = new Engine(scenario, new IntentMatcher(TextEmbedder.create()), OTHER);
        ProspectState start = engine.start(1);

        Step first = engine.step(start, "Honestly, it's fine if it's a no.");
        Step second = engine.step(first.after(), "So what changed on your side?");

        assertThat(first.after().vars()).containsEntry("comfort", 75).containsEntry("defensiveness", 5)
                .containsEntry("agenda_agreed", 1);
        assertThat(first.after().node()).isEqualTo("opening_up");
        assertThat(second.turn().revealed()).containsExactly("budget_freeze");
        assertThat(second.turn().prospect()).isEqualTo("Our board froze new spend until Q3.");
        assertThat(engine.ready(second.after().vars(), 2, second.after().revealed(), second.after().node())).isTrue();
    }
}
