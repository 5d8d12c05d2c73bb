package io.dtrcoach.server.authoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioFunnelTest {
    private static Scenario scenario() throws IOException {
        try (InputStream in = ScenarioFunnelTest.class.getClassLoader()
                .getResourceAsStream("scenarios/stalled-after-demos.yaml")) {
            return new ScenarioLoader().parse("stalled-after-demos.yaml", in.readAllBytes()).orThrow();
        }
    }

    private static Turn turn(int n, String from, String to, List<String> moves, List<String> intents) {
        return new Turn(n, "line", "reply", intents.stream().map(i -> new MatchedIntent(i, 0.9, "embedding")).toList(),
                moves.stream().map(m -> new Move(m, 0.9)).toList(), Map.of(), Map.of(), List.of(), from, to,
                Optional.empty(), Optional.empty(), "");
    }

    @Test
    void should_count_endings_nodes_reached_and_what_reps_miss_from_stored_sessions() throws IOException {
        Scenario s = scenario();
        String start = s.script().start();
        List<ScenarioFunnel.Session> sessions = List.of(
                new ScenarioFunnel.Session(true, Optional.of("dated_step_with_decider"), List.of(
                        turn(1, start, start, List.of("permission_no"), List.of()),
                        turn(2, start, "the_truth", List.of("dtr_ask"), List.of()))),
                new ScenarioFunnel.Session(false, Optional.empty(), List.of()),
                new ScenarioFunnel.Session(true, Optional.empty(), List.of(
                        turn(1, start, start, List.of("pressure.ultimatum"), List.of()))));

        ScenarioFunnel.Result f = ScenarioFunnel.of(s, sessions);

        assertThat(f.sessions()).isEqualTo(3);
        assertThat(f.endings()).extracting(ScenarioFunnel.Count::name).containsExactlyInAnyOrder(
                "dated_step_with_decider", ScenarioFunnel.NOT_FINISHED, ScenarioFunnel.NO_ENDING);
        assertThat(f.nodes()).filteredOn(c -> c.name().equals(start)).extracting(ScenarioFunnel.Count::sessions)
                .containsExactly(3);
        assertThat(f.nodes()).filteredOn(c -> c.name().equals("the_truth")).extracting(ScenarioFunnel.Count::sessions)
                .containsExactly(1);
        assertThat(f.nodesNeverReached()).doesNotContain(start, "the_truth")
                .containsExactlyElementsOf(s.script().nodes().keySet().stream()
                        .filter(n -> !n.equals(start) && !n.equals("the_truth")).toList());
        assertThat(f.missed()).filteredOn(m -> m.name().equals("permission_no"))
                .extracting(ScenarioFunnel.Missed::missedIn).containsExactly(2);
        assertThat(f.missed().get(0).missedIn()).as("sorted, most missed first")
                .isGreaterThanOrEqualTo(f.missed().get(f.missed().size() - 1).missedIn());
    }
}
