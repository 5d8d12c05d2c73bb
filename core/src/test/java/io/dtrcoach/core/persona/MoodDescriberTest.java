package io.dtrcoach.core.persona;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MoodDescriberTest {
    private final Scenario scenario = StalledCfo.scenario();
    private final MoodDescriber mood = new MoodDescriber(scenario);

    @Test
    void should_be_relaxed_and_open_when_comfortable_and_not_defensive() {
        String text = mood.describe(Map.of("comfort", 80, "defensiveness", 10, "trust", 50));
        assertThat(text).contains("relaxed and open").doesNotContain("defensive").doesNotContain("pushed");
    }

    @Test
    void should_get_defensive_and_stop_being_relaxed_when_defensiveness_rises() {
        String text = mood.describe(Map.of("comfort", 80, "defensiveness", 60, "trust", 50));
        assertThat(text).contains("getting defensive").doesNotContain("relaxed");
    }

    @Test
    void should_feel_pushed_and_want_to_end_the_call_when_very_defensive() {
        assertThat(mood.describe(Map.of("comfort", 20, "defensiveness", 85, "trust", 10)))
                .contains("feel pushed and want to end the call").contains("uncomfortable")
                .contains("do not trust");
    }

    @Test
    void should_follow_the_engine_state_as_the_rep_pushes() {
        Engine engine = StalledCfo.engine(scenario);
        ProspectState s = engine.start(1);
        String calm = mood.describe(s.vars());
        for (int i = 0; i < 3; i++) {
            s = engine.step(s, "Can you just sign by Friday?").after();
        }
        assertThat(s.vars().get("defensiveness")).isGreaterThanOrEqualTo(75);
        assertThat(calm).doesNotContain("defensive").doesNotContain("pushed");
        assertThat(mood.describe(s.vars())).contains("feel pushed");
    }

    @Test
    void should_read_each_variable_relative_to_its_declared_range() {
        Map<String, StateVar> small = new LinkedHashMap<>();
        small.put("defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 10, 2, ""));
        MoodDescriber m = new MoodDescriber(withState(small));
        assertThat(m.describe(Map.of("defensiveness", 8))).contains("feel pushed");
        assertThat(m.describe(Map.of("defensiveness", 2))).doesNotContain("pushed").doesNotContain("defensive");
    }

    @Test
    void should_give_a_generic_mood_when_the_scenario_declares_no_mood_variables() {
        Map<String, StateVar> other = new LinkedHashMap<>();
        other.put("agenda_agreed", new StateVar("agenda_agreed", StateVar.Type.BOOL, 0, 1, 0, ""));
        other.put("patience", new StateVar("patience", StateVar.Type.INT, 0, 100, 50, ""));
        MoodDescriber m = new MoodDescriber(withState(other));
        assertThat(m.describe(Map.of("agenda_agreed", 1, "patience", 3))).isEqualTo(MoodDescriber.GENERIC);
    }

    private Scenario withState(Map<String, StateVar> state) {
        Scenario s = scenario;
        return new Scenario(s.schema(), s.id(), s.title(), s.difficulty(), s.brief(), s.persona(), s.modes(), state,
                List.of(), s.intents(), s.reactions(), s.coaching(), s.timing(), s.script(), Optional.empty(),
                s.endings(), s.rubric(), s.tests(), s.source());
    }
}
