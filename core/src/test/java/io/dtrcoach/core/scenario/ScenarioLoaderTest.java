package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dtrcoach.core.scenario.MinimalScenario.load;
import static io.dtrcoach.core.scenario.MinimalScenario.with;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioLoaderTest {

    private static final Path COMPLETE = Path.of("src/test/resources/scenario/northwind-catch-up.yaml");

    /** The one error of a result, checked for where it is and what it says. */
    private static void assertOnlyError(LoadResult result, int line, int column, String message) {
        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        assertError(result, line, column, message);
    }

    private static void assertError(LoadResult result, int line, int column, String message) {
        assertThat(result.errors())
                .as("errors: %s", result.errors())
                .anySatisfy(p -> {
                    assertThat(p.location().line()).isEqualTo(line);
                    assertThat(p.location().column()).isEqualTo(column);
                    assertThat(p.message()).isEqualTo(message);
                });
    }

    @Test
    void should_load_the_minimal_scenario_without_problems() {
        LoadResult result = load(MinimalScenario.TEXT);

        assertThat(result.problems()).isEmpty();
        assertThat(result.scenario()).isPresent();
        assertThat(result.scenario().get().id()).isEqualTo("minimal");
        assertThat(result.scenario().get().difficulty()).isEqualTo(Scenario.Difficulty.medium);
        assertThat(result.scenario().get().modes()).containsExactly(Scenario.Mode.scripted);
        assertThat(result.scenario().get().rubric()).isEqualTo(Rubric.defaults());
    }

    @Test
    void should_load_a_complete_scenario_into_the_expected_records() {
        LoadResult result = new ScenarioLoader().load(COMPLETE);

        assertThat(result.problems()).isEmpty();
        Scenario s = result.scenario().orElseThrow();
        String file = COMPLETE.toString();
        assertThat(s.schema()).isEqualTo("dtr-scenario/1");
        assertThat(s.id()).isEqualTo("northwind-catch-up");
        assertThat(s.title()).isEqualTo("The quick catch-up that is really a decision");
        assertThat(s.difficulty()).isEqualTo(Scenario.Difficulty.hard);
        assertThat(s.source()).isEqualTo(file);
        assertThat(s.brief()).isEqualTo(new Brief("Priya Shah, Head of Operations at Northwind Logistics",
                "Two months in; she agreed to a 'quick catch-up'.",
                new Brief.History(8, 3, true, true, 2, List.of("Came to our customer dinner in May")),
                "Leave with a yes, a clean no, or a dated next step.", 14));
        assertThat(s.persona()).isEqualTo(new Persona("Priya Shah", "Head of Operations", "Northwind Logistics",
                List.of("warm", "deflects with jokes"),
                List.of("Hi! Sorry, it's been a week.", "Hey, thanks for being flexible on time.")));
        assertThat(s.modes()).containsExactly(Scenario.Mode.scripted, Scenario.Mode.llm);
        assertThat(s.state()).containsExactly(
                Map.entry("comfort", new StateVar("comfort", StateVar.Type.INT, 0, 100, 55, "How at ease she is")),
                Map.entry("defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 100, 20, "")),
                Map.entry("agenda_agreed", new StateVar("agenda_agreed", StateVar.Type.BOOL, 0, 1, 0, "")));

        Fact fact = s.facts().get(0);
        assertThat(fact.id()).isEqualTo("budget_freeze");
        assertThat(fact.keywords()).containsExactly("board", "freeze", "Q3");
        assertThat(fact.revealWhen().source()).isEqualTo("comfort >= 60 && matched('asks_what_changed')");
        assertThat(fact.location()).isEqualTo(new Location(file, 30, 5));

        assertThat(s.intents().keySet()).containsExactly("makes_no_safe", "asks_what_changed", "pushes_to_close",
                "accepts_no");
        assertThat(s.intents().get("makes_no_safe")).isEqualTo(new Intent("makes_no_safe",
                List.of("totally fine if the answer is no", "you can tell me if this isn't happening"),
                List.of("fine if it's a no"), 0.75, new Location(file, 36, 3)));
        assertThat(s.intents().get("accepts_no").threshold()).isEqualTo(Intent.DEFAULT_THRESHOLD);
        assertThat(s.coaching()).containsExactly(Map.entry("permission_no", List.of("no hard feelings if this is a no")));
        assertThat(s.reactions().keySet()).containsExactly("pressure", "rapport");
        assertThat(s.reactions().get("pressure").get(0).match()).containsExactly(Match.move("pressure"));
        assertThat(s.reactions().get("rapport")).hasSize(2);
        assertThat(s.reactions().get("rapport").get(0).when().orElseThrow().source()).isEqualTo("comfort >= 70");
        assertThat(fact.llmHint()).contains("Priya can now say the board froze spend; she is relieved to say it.");
        assertThat(s.endings().get("honest_no").success()).isTrue();
        assertThat(s.endings().get("shut_down").success()).isFalse();

        assertThat(s.timing().fromTurn()).isEqualTo(2);
        assertThat(s.timing().toTurn()).isEqualTo(5);
        assertThat(s.timing().readyWhen().source()).isEqualTo("comfort >= 50 && defensiveness < 40");

        Script script = s.script();
        assertThat(script.start()).isEqualTo("open");
        Trigger global = script.global().get(0);
        assertThat(global.match()).containsExactly(Match.intent("pushes_to_close"), Match.move("pressure.ultimatum"));
        assertThat(global.effects()).containsExactly(
                Map.entry("defensiveness", new Effect.Delta("defensiveness", 20)),
                Map.entry("comfort", new Effect.Delta("comfort", -10)));
        assertThat(global.say()).hasSize(2);
        assertThat(global.once()).isFalse();
        assertThat(script.nodes().keySet()).containsExactly("open", "opening_up");
        Trigger first = script.nodes().get("open").on().get(0);
        assertThat(first.when().orElseThrow().source()).isEqualTo("defensiveness < 60");
        assertThat(first.gotoNode()).contains("opening_up");
        assertThat(first.once()).isTrue();
        assertThat(first.effects().get("agenda_agreed")).isInstanceOf(Effect.Assign.class);
        assertThat(first.location()).isEqualTo(new Location(file, 70, 11));
        assertThat(script.nodes().get("open").noMatch()).containsExactly("Sorry, what do you mean?",
                "Can we keep this quick?");
        Script.Node openingUp = script.nodes().get("opening_up");
        assertThat(openingUp.on().get(0).reveal()).containsExactly("budget_freeze");
        assertThat(openingUp.on().get(1).say()).containsExactly("Oh, you know. Busy quarter.");
        assertThat(openingUp.on().get(1).effects().get("comfort")).isInstanceOf(Effect.Assign.class);
        assertThat(openingUp.location()).isEqualTo(new Location(file, 79, 5));

        assertThat(s.llm().orElseThrow().locations()).containsEntry("background", new Location(file, 89, 15))
                .containsEntry("never_say[1]", new Location(file, 93, 36));
        assertThat(s.llm()).get().usingRecursiveComparison().ignoringFields("locations").isEqualTo(new LlmPersona(
                "Priya has run ops at Northwind for six years.",
                "Warm, conflict-averse, hates letting people down.",
                "Short, friendly sentences; deflects with jokes when uncomfortable.",
                List.of("Ha, you caught me.", "It's been a week, honestly."),
                List.of("that she is an AI", "any discount figure")));

        assertThat(s.endings().keySet()).containsExactly("honest_no", "shut_down");
        Ending honest = s.endings().get("honest_no");
        assertThat(honest.outcome()).isEqualTo(Ending.Outcome.no);
        assertThat(honest.say()).contains("Thanks for making this easy.");
        assertThat(honest.description()).isEqualTo("She told you the truth and you let her go cleanly.");
        assertThat(s.endings().get("shut_down").say()).isEmpty();

        assertThat(s.rubric().pass()).isEqualTo(75);
        assertThat(s.rubric().weights()).containsEntry("timing", 0.3).containsEntry("outcome", 0.15);

        assertThat(s.tests()).hasSize(2);
        ScenarioTest opens = s.tests().get(0);
        assertThat(opens.name()).isEqualTo("making no safe opens her up");
        assertThat(opens.given()).isEmpty();
        ScenarioTest.Expect e1 = opens.turns().get(0).expect();
        assertThat(e1.intents()).contains(List.of("makes_no_safe"));
        assertThat(e1.state()).containsExactly(Map.entry("comfort", new Comparison(Comparison.Op.GE, 60)),
                Map.entry("agenda_agreed", new Comparison(Comparison.Op.EQ, 1)));
        assertThat(e1.revealed()).contains(List.of());
        assertThat(e1.node()).contains("opening_up");
        assertThat(opens.turns().get(1).expect().moves()).containsExactly("open_question");
        assertThat(opens.turns().get(1).expect().intents()).isEmpty();
        ScenarioTest pushing = s.tests().get(1);
        assertThat(pushing.given()).contains(new ScenarioTest.Given(Optional.of("opening_up"),
                Map.of("comfort", 60, "agenda_agreed", 1), List.of()));
        ScenarioTest.Expect e2 = pushing.turns().get(0).expect();
        assertThat(e2.state()).containsExactly(Map.entry("defensiveness", new Comparison(Comparison.Op.EQ, 40)));
        assertThat(e2.notIntents()).containsExactly("makes_no_safe");
        assertThat(e2.ending()).contains("turn_limit");
    }

    @Test
    void should_report_a_yaml_syntax_error_at_its_line_and_column() {
        LoadResult result = load(with("title: Minimal", "title: [Minimal"));

        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        Problem p = result.errors().get(0);
        assertThat(p.location().line()).isEqualTo(4);
        assertThat(p.location().column()).isEqualTo(6);
        assertThat(p.message()).startsWith("YAML syntax error: expected ',' or ']'")
                .contains("started at line 3, column 8");
    }

    @Test
    void should_report_a_wrong_type_with_what_was_expected_and_found() {
        assertOnlyError(load(with("max_turns: 10", "max_turns: \"10\"")), 9, 14,
                "expected an integer for brief.max_turns, found a string");
        assertOnlyError(load(with("max_turns: 10", "max_turns: 10.5")), 9, 14,
                "expected an integer for brief.max_turns, found a decimal number");
        assertOnlyError(load(with("title: Minimal", "title: [a, b]")), 3, 8,
                "expected a string for title, found a list");
        assertOnlyError(load(with("scoped: false", "scoped: 0")), 7, 50,
                "expected true or false for scoped, found an integer");
    }

    @Test
    void should_report_a_missing_required_key_at_its_section() {
        assertOnlyError(load(with("  objective: \"Find out where it stands.\"\n", "")), 4, 1,
                "missing required key 'objective' in brief");
        assertOnlyError(load(with("title: Minimal\n", "")), 1, 1, "missing required key 'title' in the scenario");
        assertOnlyError(load(with("no_match: [\"Sorry?\"]", "no_match: []")), 25, 17,
                "node 'open' no_match needs at least one line");
    }

    @Test
    void should_suggest_the_closest_key_for_an_unknown_key() {
        LoadResult result = load(with("title: Minimal", "title: Minimal\ndificulty: hard"));

        assertOnlyError(result, 4, 1, "unknown key 'dificulty' in the scenario; did you mean 'difficulty'?");
    }

    @Test
    void should_not_suggest_anything_for_an_unknown_key_far_from_every_known_key() {
        assertOnlyError(load(with("title: Minimal", "title: Minimal\nbananas: 3")), 4, 1,
                "unknown key 'bananas' in the scenario");
    }

    @Test
    void should_report_a_duplicate_key_at_the_second_occurrence() {
        assertOnlyError(load(with("title: Minimal", "title: Minimal\ntitle: Again")), 4, 1,
                "duplicate key 'title' (first written at line 3, column 1)");
    }

    @Test
    void should_report_a_duplicate_fact_id() {
        LoadResult result = load(with("reveal_when: \"comfort >= 60\"}",
                "reveal_when: \"comfort >= 60\"}\n  - {id: budget_cut, text: \"Again.\", reveal_when: \"true\"}"));

        assertOnlyError(result, 16, 10, "duplicate fact id 'budget_cut' (first declared at line 15, column 10)");
    }

    @Test
    void should_report_out_of_range_numbers() {
        assertOnlyError(load(with("max_turns: 10", "max_turns: 99")), 9, 14,
                "brief.max_turns must be between 1 and 60, found 99");
        assertOnlyError(load(with("max: 100, start: 50", "max: 100, start: 150")), 12, 49,
                "start must be between min and max (0..100), found 150");
        assertOnlyError(load(with("{examples: [\"where do we stand\"]}",
                        "{examples: [\"where do we stand\"], threshold: 1.5}")), 17, 61,
                "intent 'asks_status' threshold must be between 0.0 and 1.0, found 1.5");
        assertOnlyError(load(with("from_turn: 1, to_turn: 3", "from_turn: 4, to_turn: 3")), 18, 30,
                "from_turn (4) is after to_turn (3)");
    }

    @Test
    void should_report_an_unknown_enum_value_with_the_choices() {
        assertOnlyError(load(with("title: Minimal", "title: Minimal\ndifficulty: hardd")), 4, 13,
                "unknown difficulty 'hardd'; expected one of easy, medium, hard; did you mean 'hard'?");
    }

    @Test
    void should_report_an_id_that_does_not_follow_the_pattern() {
        assertOnlyError(load(with("id: minimal", "id: Minimal_1")), 2, 5,
                "'Minimal_1' is not a valid scenario id; expected lower-case letters, digits and '-', starting "
                        + "with a letter or digit");
    }

    @Test
    void should_report_an_undeclared_variable_at_its_column_inside_the_expression() {
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"comfort >= 50 && comfrot < 90\"")),
                18, 76, "unknown variable 'comfrot'; did you mean 'comfort'?");
    }

    @Test
    void should_report_a_mistake_in_a_folded_multi_line_expression_at_the_start_of_the_expression() {
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"comfort >= 50 &&\n    comfrt < 3\"")),
                18, 58, "unknown variable 'comfrt'; did you mean 'comfort'?");
    }

    @Test
    void should_explain_that_yes_is_not_a_boolean() {
        assertOnlyError(load(with("agreed: {type: bool, start: false}", "agreed: {type: bool, start: yes}")), 13, 31,
                "expected true or false for state variable 'agreed' start, found 'yes' (only true and false are "
                        + "booleans)");
    }

    @Test
    void should_report_an_undeclared_intent_in_an_expression_at_the_argument() {
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: 'matched(\"asks_statu\")'")),
                18, 68, "undeclared intent 'asks_statu' in matched(); did you mean 'asks_status'?");
    }

    @Test
    void should_report_undeclared_facts_nodes_and_move_labels_in_expressions() {
        assertOnlyError(load(with("outcome: no}", "outcome: no}\n  other: {when: \"revealed('budget')\", outcome: no}")),
                28, 28, "undeclared fact 'budget' in revealed()");
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"at('opn')\"")),
                18, 63, "undeclared node 'opn' in at(); did you mean 'open'?");
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"!move('pressure.gilt')\"")),
                18, 66, "unknown move label 'pressure.gilt' in move(); did you mean 'pressure.guilt'?");
    }

    @Test
    void should_accept_move_pressure_as_any_pressure_label() {
        LoadResult result = load(with("ready_when: \"comfort >= 50\"", "ready_when: \"!move('pressure')\""));

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void should_read_timing_asks_and_report_an_undeclared_intent_in_it() {
        LoadResult ok = load(with("ready_when: \"comfort >= 50\"}", "ready_when: \"comfort >= 50\", asks: [asks_status]}"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.orThrow().timing().asks()).containsExactly("asks_status");
        assertThat(load(MinimalScenario.TEXT).orThrow().timing().asks()).isEmpty();

        assertOnlyError(load(with("ready_when: \"comfort >= 50\"}", "ready_when: \"comfort >= 50\", asks: [asks_stat]}")),
                18, 82, "undeclared intent 'asks_stat' in timing.asks; did you mean 'asks_status'?");
    }

    @Test
    void should_report_undeclared_references_in_triggers() {
        assertOnlyError(load(with("{match: asks_status,", "{match: [asks_status, asks_stats],")), 24, 33,
                "undeclared intent 'asks_stats' in match; did you mean 'asks_status'?");
        assertOnlyError(load(with("reveal: budget_cut,", "reveal: budget,")), 24, 65,
                "undeclared fact 'budget' in reveal");
        assertOnlyError(load(with("say: [\"We had a cut.\"]}", "say: [\"We had a cut.\"], goto: closing}")), 24, 107,
                "undeclared node 'closing' in goto");
        assertOnlyError(load(with("effects: {comfort: +10}", "effects: {comfrt: +10}")), 24, 42,
                "effect on undeclared variable 'comfrt'; did you mean 'comfort'?");
    }

    @Test
    void should_warn_that_classifier_examples_are_ignored_now_the_vocabulary_is_shared() {
        LoadResult result = load(with("title: Minimal", "title: Minimal\nclassifier_examples:\n  dtr_ask: [\"so where is this going\"]"));

        assertThat(result.scenario()).isPresent();
        assertThat(result.warnings()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.message()).startsWith("classifier_examples is no longer used and is ignored");
        });
    }

    @Test
    void should_report_an_unknown_move_in_a_match_and_a_bare_move_name() {
        assertOnlyError(load(with("{match: asks_status,", "{match: {move: dtr_aks},")), 24, 26,
                "unknown move 'dtr_aks' in match; did you mean 'dtr_ask'?");
        assertOnlyError(load(with("{match: asks_status,", "{match: rapport,")), 24, 19,
                "'rapport' is a shared move, not an intent of this scenario: write {move: rapport}");
    }

    @Test
    void should_report_an_expression_syntax_error_inside_the_expression() {
        LoadResult result = load(with("ready_when: \"comfort >= 50\"", "ready_when: \"comfort >= \""));

        assertThat(result.errors()).hasSize(1);
        Problem p = result.errors().get(0);
        assertThat(p.location().line()).isEqualTo(18);
        assertThat(p.location().column()).isEqualTo(67);
        assertThat(p.message()).startsWith("invalid expression: syntax error near '>='");
    }

    @Test
    void should_reject_a_condition_that_gives_a_number() {
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"comfort + 1\"")), 18, 58,
                "a condition must be true or false, but \"comfort + 1\" gives a number; compare it, e.g. "
                        + "\"comfort + 1 > 0\"");
    }

    @Test
    void should_report_assignments_and_method_calls_as_not_allowed() {
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"comfort = 50\"")), 18, 67,
                "'=' would assign; use '==' to compare");
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"turn.toString() == 1\"")), 18, 63,
                "'.' is not allowed: no properties or method calls, only the functions matched, revealed, move and at");
        assertOnlyError(load(with("ready_when: \"comfort >= 50\"", "ready_when: \"size(comfort) > 1\"")), 18, 59,
                "unknown function 'size'; the functions are matched, revealed, move and at");
    }

    @Test
    void should_report_several_errors_in_one_file() {
        String yaml = with("title: Minimal", "titel: Minimal");
        yaml = yaml.replace("max_turns: 10", "max_turns: 0")
                .replace("ready_when: \"comfort >= 50\"", "ready_when: \"comfrt >= 50\"")
                .replace("start: open", "start: opne")
                .replace("outcome: no}", "outcome: maybe}");

        LoadResult result = load(yaml);

        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).extracting(p -> p.location().line() + ":" + p.location().column())
                .containsExactly("1:1", "3:1", "9:14", "18:59", "20:10", "27:66");
        assertError(result, 3, 1, "unknown key 'titel' in the scenario; did you mean 'title'?");
        assertError(result, 20, 10, "undeclared node 'opne' in script.start; did you mean 'open'?");
        assertError(result, 27, 66, "unknown outcome 'maybe'; expected one of yes, no, next_step, no_decision, "
                + "shut_down");
    }

    @Test
    void should_print_problems_as_file_line_column_severity_message() {
        LoadResult result = load(with("max_turns: 10", "max_turns: 99"));

        assertThat(result.problems().get(0).toString())
                .isEqualTo("t.yaml:9:14: error: brief.max_turns must be between 1 and 60, found 99");
    }

    @Test
    void should_read_yes_and_no_as_words_not_booleans() {
        LoadResult result = load(with("outcome: no}", "outcome: no, say: yes}"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.scenario().orElseThrow().endings().get("told").say()).contains("yes");
    }

    @Test
    void should_reject_a_bool_variable_with_a_numeric_change() {
        assertOnlyError(load(with("effects: {comfort: +10}", "effects: {agreed: +1}")), 24, 50,
                "'agreed' is a bool: set it with \"true\" or \"false\", not a number");
    }

    @Test
    void should_report_a_file_that_does_not_exist() {
        LoadResult result = new ScenarioLoader().load(Path.of("no/such/file.yaml"));

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("no/such/file.yaml", 1, 1));
            assertThat(p.message()).isEqualTo("no such file");
        });
    }

    @Test
    void should_throw_scenario_invalid_with_every_problem_when_asked_for_the_scenario_of_a_broken_file() {
        LoadResult result = load(with("max_turns: 10", "max_turns: 99").replace("title: Minimal", "title: [x]"));

        org.assertj.core.api.Assertions.assertThatThrownBy(result::orThrow)
                .isInstanceOf(ScenarioInvalid.class)
                .satisfies(e -> assertThat(((ScenarioInvalid) e).problems()).hasSize(2));
    }
}
