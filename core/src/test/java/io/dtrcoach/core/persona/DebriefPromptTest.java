package io.dtrcoach.core.persona;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.FactMentions;
import io.dtrcoach.core.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebriefPromptTest {
    private final Scenario scenario = StalledCfo.scenario();
    /** A trainer's scripted or ending line that quotes the sponsor fact word for word, in other spacing and case. */
    private static final String LEAKY_LINE = "I have to go.  her internal sponsor,\nMarcus, left in March.";

    @Test
    void should_send_the_call_and_the_scores_when_no_line_quotes_a_locked_fact() {
        History call = History.start(StalledCfo.OPENING).then("How are things?", "Busy.");
        List<ChatMessage> m = DebriefPrompt.messages(scenario, call, List.of(), Map.of("overall", 64), 70);

        String user = ((UserMessage) m.get(1)).singleText();
        assertThat(((SystemMessage) m.get(0)).text()).contains("sales coach");
        assertThat(user).contains("overall: 64").contains("Rep: How are things?").contains("Prospect: Busy.")
                .doesNotContain(StalledCfo.BUDGET_TEXT).doesNotContain(StalledCfo.SPONSOR_TEXT);
    }

    @Test
    void should_blank_a_fact_not_revealed_by_the_end_wherever_the_call_names_it() {
        History call = History.start("Hi. " + StalledCfo.BUDGET_TEXT)
                .then("Did your sponsor leave?", LEAKY_LINE);
        List<ChatMessage> m = DebriefPrompt.messages(scenario, call, List.of(), Map.of("overall", 20), 70);

        String user = ((UserMessage) m.get(1)).singleText();
        assertThat(user).contains("Prospect: Hi. …").contains("Rep: Did your … leave?").contains("I have to go.")
                .doesNotContain("board").doesNotContain("Marcus").doesNotContain("sponsor");
        for (Fact f : scenario.facts()) {
            assertThat(FactMentions.find(user, f)).isEmpty();
        }
    }

    @Test
    void should_blank_a_locked_fact_in_the_objective_and_refuse_a_persona_that_names_one() {
        Scenario s = scenario;
        Scenario objective = new Scenario(s.schema(), s.id(), s.title(), s.difficulty(),
                new Brief(s.brief().prospect(), s.brief().situation(), s.brief().history(),
                        "Find out whether Marcus's exit stalled this.", s.brief().maxTurns()),
                s.persona(), s.modes(), s.state(), s.facts(), s.intents(), s.reactions(), s.coaching(), s.timing(),
                s.script(), s.llm(), s.endings(), s.rubric(), s.tests(), s.source());
        assertThat(((UserMessage) DebriefPrompt.messages(objective, History.start(StalledCfo.OPENING), List.of(),
                Map.of("overall", 20), 70).get(1)).singleText()).contains("Find out whether … exit stalled this.");

        Scenario persona = new Scenario(s.schema(), s.id(), s.title(), s.difficulty(), s.brief(),
                new io.dtrcoach.core.scenario.Persona(s.persona().name(), "CFO, sponsor-less since March",
                        s.persona().company(), s.persona().voice(), s.persona().openers()),
                s.modes(), s.state(), s.facts(), s.intents(), s.reactions(), s.coaching(), s.timing(),
                s.script(), s.llm(), s.endings(), s.rubric(), s.tests(), s.source());
        assertThatThrownBy(() -> DebriefPrompt.messages(persona, History.start(StalledCfo.OPENING),
                List.of("budget_freeze"), Map.of("overall", 20), 70))
                .isInstanceOf(LockedFactInPrompt.class)
                .extracting(x -> ((LockedFactInPrompt) x).factId()).isEqualTo("sponsor_left");
        assertThat(DebriefPrompt.messages(persona, History.start(StalledCfo.OPENING), List.of("sponsor_left"),
                Map.of("overall", 20), 70)).hasSize(2);
    }

    @Test
    void should_send_a_line_quoting_a_fact_the_engine_revealed_during_the_call() {
        History call = History.start(StalledCfo.OPENING).then("Can you sign by Friday?", LEAKY_LINE);
        List<ChatMessage> m = DebriefPrompt.messages(scenario, call, List.of("sponsor_left"), Map.of("overall", 20), 70);

        assertThat(((UserMessage) m.get(1)).singleText()).contains("Marcus, left in March.");
    }
}
