package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;

import static io.dtrcoach.core.scenario.MinimalScenario.load;
import static io.dtrcoach.core.scenario.MinimalScenario.with;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioLinterTest {

    private static void assertOnlyWarning(LoadResult result, int line, int column, String message) {
        assertThat(result.scenario()).as("warnings do not stop loading").isPresent();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.warning);
            assertThat(p.location().line()).isEqualTo(line);
            assertThat(p.location().column()).isEqualTo(column);
            assertThat(p.message()).isEqualTo(message);
        });
    }

    private static final String SECOND_NODE = """
                  no_match: ["Sorry?"]
                lost:
                  on:
                    - {match: asks_status, say: ["Hm."]}
                  no_match: ["What?"]
            """;

    @Test
    void should_warn_about_a_node_no_goto_reaches() {
        LoadResult result = load(with("      no_match: [\"Sorry?\"]\n", SECOND_NODE));

        assertOnlyWarning(result, 26, 5, "node 'lost' cannot be reached: no goto leads to it from the start node "
                + "'open'");
    }

    @Test
    void should_not_warn_about_a_node_a_global_trigger_leads_to() {
        String yaml = with("      no_match: [\"Sorry?\"]\n", SECOND_NODE)
                .replace("  start: open\n", "  start: open\n  global:\n    - {match: asks_status, when: \"comfort > 90\", "
                        + "say: [\"Fine.\"], goto: lost}\n");

        assertThat(load(yaml).problems()).isEmpty();
    }

    @Test
    void should_warn_about_a_fact_no_reachable_trigger_reveals() {
        LoadResult result = load(with("reveal: budget_cut, ", "")
                .replace("when: \"revealed('budget_cut')\"", "when: \"comfort > 99\""));

        assertOnlyWarning(result, 15, 5, "fact 'budget_cut' is never revealed: no reachable trigger lists it in "
                + "reveal");
    }

    @Test
    void should_warn_about_an_ending_that_needs_a_fact_nothing_reveals() {
        LoadResult result = load(with("reveal: budget_cut, ", ""));

        assertThat(result.scenario()).isPresent();
        assertThat(result.warnings()).extracting(Problem::toString).containsExactly(
                "t.yaml:15:5: warning: fact 'budget_cut' is never revealed: no reachable trigger lists it in reveal",
                "t.yaml:27:3: warning: ending 'told' can never happen: it needs fact 'budget_cut', which no "
                        + "reachable trigger reveals");
    }

    @Test
    void should_warn_about_an_ending_that_compares_a_variable_outside_its_range() {
        LoadResult result = load(with("outcome: no}", "outcome: no}\n  never: {when: \"comfort >= 150\", outcome: "
                + "shut_down}"));

        assertOnlyWarning(result, 28, 3, "ending 'never' can never happen: it needs comfort >= 150, but comfort "
                + "stays between 0 and 100");
    }

    @Test
    void should_not_warn_about_an_ending_whose_impossible_part_is_only_one_side_of_an_or() {
        LoadResult result = load(with("outcome: no}", "outcome: no}\n  maybe: {when: \"comfort >= 150 || comfort < 5\", "
                + "outcome: shut_down}"));

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void should_warn_about_an_ending_that_needs_an_unreachable_node() {
        LoadResult result = load(with("      no_match: [\"Sorry?\"]\n", SECOND_NODE)
                .replace("outcome: no}", "outcome: no}\n  stuck: {when: \"at('lost')\", outcome: no_decision}"));

        assertThat(result.warnings()).extracting(Problem::toString).contains(
                "t.yaml:32:3: warning: ending 'stuck' can never happen: it needs the persona at node 'lost', which "
                        + "cannot be reached");
    }

    @Test
    void should_warn_about_an_intent_nothing_uses() {
        LoadResult result = load(with("  asks_status: {examples: [\"where do we stand\"]}",
                "  asks_status: {examples: [\"where do we stand\"]}\n  small_talk: {examples: [\"how was your weekend\"]}"));

        assertOnlyWarning(result, 18, 3, "intent 'small_talk' is never used: no trigger matches it, no expression "
                + "calls matched('small_talk') and timing.asks does not name it");
    }

    @Test
    void should_count_an_intent_named_in_timing_asks_as_used() {
        LoadResult result = load(with("  asks_status: {examples: [\"where do we stand\"]}",
                "  asks_status: {examples: [\"where do we stand\"]}\n  asks_board: {examples: [\"what did the board say\"]}")
                .replace("ready_when: \"comfort >= 50\"}", "ready_when: \"comfort >= 50\", asks: [asks_board]}"));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.orThrow().timing().asks()).containsExactly("asks_board");
    }

    @Test
    void should_count_an_intent_used_only_in_an_expression_as_used() {
        LoadResult result = load(with("  asks_status: {examples: [\"where do we stand\"]}",
                        "  asks_status: {examples: [\"where do we stand\"]}\n  small_talk: {examples: [\"how was your weekend\"]}")
                .replace("ready_when: \"comfort >= 50\"", "ready_when: \"comfort >= 50 && !matched('small_talk')\""));

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void should_warn_about_an_intent_without_examples() {
        LoadResult result = load(with("{examples: [\"where do we stand\"]}", "{keywords: [status]}"));

        assertOnlyWarning(result, 17, 3, "intent 'asks_status' has no examples, only keywords; add examples so that "
                + "other phrasings of it match too");
    }

    @Test
    void should_error_on_an_intent_with_neither_examples_nor_keywords() {
        LoadResult result = load(with("{examples: [\"where do we stand\"]}", "{threshold: 0.8}"));

        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).extracting(Problem::toString).containsExactly(
                "t.yaml:17:3: error: intent 'asks_status' has neither examples nor keywords, so it can never match");
    }

    @Test
    void should_warn_about_a_scenario_without_tests() {
        String yaml = MinimalScenario.TEXT.substring(0, MinimalScenario.TEXT.indexOf("tests:"))
                + MinimalScenario.TEXT.substring(MinimalScenario.TEXT.indexOf("reactions:"));

        assertOnlyWarning(load(yaml), 1, 1, "the scenario has no tests; add a tests: section with at least one "
                + "scripted transcript");
    }

    @Test
    void should_lint_a_scenario_directly() {
        Scenario scenario = load(MinimalScenario.TEXT).scenario().orElseThrow();

        assertThat(new ScenarioLinter().lint(scenario)).isEmpty();
    }
}
