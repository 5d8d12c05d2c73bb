package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {
    private static final Map<String, StateVar> VARS = Map.of(
            "comfort", new StateVar("comfort", StateVar.Type.INT, 0, 100, 50, ""),
            "defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 100, 20, ""),
            "agenda_agreed", new StateVar("agenda_agreed", StateVar.Type.BOOL, 0, 1, 0, ""));
    private static final ExpressionCompiler.Declared DECLARED = new ExpressionCompiler.Declared(VARS,
            Set.of("asks_what_changed", "makes_no_safe"), Set.of("budget_freeze"), Set.of("open", "opening_up"));

    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /** A context as the engine gives one: values, the turn, what matched, what is revealed, moves, node. */
    private record Ctx(Map<String, Integer> vars, int turn, Set<String> matched, Set<String> revealed,
                       Set<String> moves, String node) implements ExpressionContext {
        @Override
        public int variable(String name) {
            return name.equals("turn") ? turn : vars.get(name);
        }

        @Override
        public boolean isBool(String name) {
            return VARS.containsKey(name) && VARS.get(name).type() == StateVar.Type.BOOL;
        }

        @Override
        public boolean matched(String intentId) {
            return matched.contains(intentId);
        }

        @Override
        public boolean revealed(String factId) {
            return revealed.contains(factId);
        }

        @Override
        public boolean move(String label) {
            return label.equals("pressure") ? moves.stream().anyMatch(m -> m.startsWith("pressure."))
                    : moves.contains(label);
        }

        @Override
        public boolean at(String nodeId) {
            return node.equals(nodeId);
        }
    }

    private static Ctx ctx(int comfort, int defensiveness, int agreed) {
        return new Ctx(Map.of("comfort", comfort, "defensiveness", defensiveness, "agenda_agreed", agreed), 3,
                Set.of(), Set.of(), Set.of(), "open");
    }

    private Condition compile(String source, ExpressionCompiler.Purpose purpose) {
        Problems problems = new Problems("x.yaml");
        Optional<Condition> c = compiler.compile(new YamlNode.Scalar(new Location("x.yaml", 1, 1),
                YamlNode.Kind.STRING, source, source, YamlNode.Style.PLAIN), purpose, DECLARED, new SourceText(source),
                problems);
        assertThat(problems.toList()).as("problems of %s", source).isEmpty();
        return c.orElseThrow();
    }

    private List<Problem> problemsOf(String source) {
        Problems problems = new Problems("x.yaml");
        compiler.compile(new YamlNode.Scalar(new Location("x.yaml", 1, 1), YamlNode.Kind.STRING, source, source,
                YamlNode.Style.PLAIN), ExpressionCompiler.Purpose.CONDITION, DECLARED, new SourceText(source), problems);
        return problems.toList();
    }

    private Condition condition(String source) {
        return compile(source, ExpressionCompiler.Purpose.CONDITION);
    }

    @Test
    void should_compare_integers() {
        Condition c = condition("comfort >= 60 && defensiveness < 40");

        assertThat(c.test(ctx(60, 39, 0))).isTrue();
        assertThat(c.test(ctx(59, 39, 0))).isFalse();
        assertThat(c.test(ctx(60, 40, 0))).isFalse();
    }

    @Test
    void should_read_bool_variables_as_booleans() {
        assertThat(condition("agenda_agreed && comfort > 50").test(ctx(51, 0, 1))).isTrue();
        assertThat(condition("agenda_agreed && comfort > 50").test(ctx(51, 0, 0))).isFalse();
        assertThat(condition("agenda_agreed == true").test(ctx(0, 0, 1))).isTrue();
        assertThat(condition("agenda_agreed == true").test(ctx(0, 0, 0))).isFalse();
        assertThat(condition("!agenda_agreed").test(ctx(0, 0, 0))).isTrue();
    }

    @Test
    void should_call_the_four_functions_on_the_context() {
        Ctx c = new Ctx(Map.of("comfort", 70, "defensiveness", 0, "agenda_agreed", 0), 2,
                Set.of("asks_what_changed"), Set.of("budget_freeze"), Set.of("pressure.guilt"), "opening_up");

        assertThat(condition("matched('asks_what_changed') && !matched('makes_no_safe')").test(c)).isTrue();
        assertThat(condition("revealed('budget_freeze')").test(c)).isTrue();
        assertThat(condition("move('pressure') && move('pressure.guilt') && !move('dtr_ask')").test(c)).isTrue();
        assertThat(condition("at('opening_up') && !at('open')").test(c)).isTrue();
        assertThat(condition("turn == 2 && turn < 3").test(c)).isTrue();
    }

    @Test
    void should_compute_new_values_for_effects() {
        Condition half = compile("comfort / 2", ExpressionCompiler.Purpose.VALUE);
        Condition yes = compile("true", ExpressionCompiler.Purpose.VALUE);
        Condition sum = compile("comfort + defensiveness * 2 - 1", ExpressionCompiler.Purpose.VALUE);

        assertThat(half.evaluateInt(ctx(61, 0, 0))).isEqualTo(30);
        assertThat(yes.evaluateInt(ctx(0, 0, 0))).isEqualTo(1);
        assertThat(sum.evaluateInt(ctx(10, 5, 0))).isEqualTo(19);
    }

    @Test
    void should_raise_expression_failed_with_the_location_when_evaluation_fails() {
        Condition c = compile("comfort / defensiveness", ExpressionCompiler.Purpose.VALUE);

        assertThatThrownBy(() -> c.evaluateInt(ctx(10, 0, 0)))
                .isInstanceOf(ExpressionFailed.class)
                .hasMessageStartingWith("x.yaml:1:1: expression 'comfort / defensiveness' failed");
    }

    @Test
    void should_reject_everything_but_comparisons_arithmetic_logic_and_the_functions() {
        assertThat(problemsOf("comfort = 3")).extracting(Problem::message)
                .containsExactly("'=' would assign; use '==' to compare");
        assertThat(problemsOf("comfort += 3")).isNotEmpty();
        assertThat(problemsOf("new('java.io.File', '/')")).isNotEmpty();
        assertThat(problemsOf("comfort.class")).isNotEmpty();
        assertThat(problemsOf("[1, 2].size() > 1")).isNotEmpty();
        assertThat(problemsOf("x -> x")).isNotEmpty();
        assertThat(problemsOf("#pragma x 1")).isNotEmpty();
        assertThat(problemsOf("comfort > 1; comfort < 2")).isNotEmpty();
        assertThat(problemsOf("for (x : [1]) {}")).isNotEmpty();
        assertThat(problemsOf("matched('asks_what_changed', 'makes_no_safe')")).extracting(Problem::message)
                .containsExactly("matched() takes one quoted id, e.g. matched('asks_what_changed')");
        assertThat(problemsOf("matched(comfort)")).extracting(Problem::message)
                .containsExactly("matched() takes one quoted id, e.g. matched('asks_what_changed')");
        assertThat(problemsOf("comfort > 1 and comfort < 9")).extracting(Problem::message)
                .containsExactly("write '&&' instead of 'and'");
        assertThat(problemsOf("asks_what_changed")).extracting(Problem::message)
                .containsExactly("unknown variable 'asks_what_changed' ('asks_what_changed' is an intent: write "
                        + "matched('asks_what_changed'))");
    }

    @Test
    void should_point_at_the_column_of_the_mistake_inside_a_quoted_scalar() {
        Problems problems = new Problems("x.yaml");
        String source = "comfort > 5 && defensivenes < 3";
        compiler.compile(new YamlNode.Scalar(new Location("x.yaml", 7, 20), YamlNode.Kind.STRING, source, source,
                        YamlNode.Style.DOUBLE_QUOTED), ExpressionCompiler.Purpose.CONDITION, DECLARED,
                new SourceText("\n".repeat(6) + "      ready_when: \"" + source + "\"\n"), problems);

        assertThat(problems.toList()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("x.yaml", 7, 36));
            assertThat(p.message()).isEqualTo("unknown variable 'defensivenes'; did you mean 'defensiveness'?");
        });
    }

    @Test
    void should_point_at_the_line_of_the_mistake_inside_a_block_scalar() {
        String text = "x:\n  ready_when: |\n    comfort > 5 &&\n      comfrt < 3\n";
        String source = "comfort > 5 &&\n  comfrt < 3\n";
        Problems problems = new Problems("x.yaml");
        compiler.compile(new YamlNode.Scalar(new Location("x.yaml", 2, 15), YamlNode.Kind.STRING, source, source,
                YamlNode.Style.BLOCK), ExpressionCompiler.Purpose.CONDITION, DECLARED, new SourceText(text), problems);

        assertThat(problems.toList()).singleElement().satisfies(p ->
                assertThat(p.location()).isEqualTo(new Location("x.yaml", 4, 7)));
    }

    @Test
    void should_list_what_an_expression_refers_to_for_the_linter() {
        ExpressionSyntax.References refs = ExpressionSyntax.references(
                "revealed('budget_freeze') && comfort >= 60 && 10 < defensiveness && at('open')");

        assertThat(refs.conjunctive()).isTrue();
        assertThat(refs.variables()).containsExactly("comfort", "defensiveness");
        assertThat(refs.args("revealed")).containsExactly("budget_freeze");
        assertThat(refs.args("at")).containsExactly("open");
        assertThat(refs.comparisons()).containsExactly(
                new ExpressionSyntax.Comparison("comfort", ">=", 60),
                new ExpressionSyntax.Comparison("defensiveness", ">", 10));
        assertThat(ExpressionSyntax.references("comfort > 1 || matched('x')").conjunctive()).isFalse();
        assertThat(ExpressionSyntax.references("comfort + 10 > 100").comparisons()).isEmpty();
    }

    /** Not a benchmark: a guard that evaluation stays far from anything a turn would notice. */
    @Test
    void should_evaluate_a_compiled_condition_many_times_quickly() {
        Condition c = condition("comfort >= 60 && matched('asks_what_changed') && !move('pressure')");
        Ctx ctx = new Ctx(Map.of("comfort", 70, "defensiveness", 0, "agenda_agreed", 0), 2,
                Set.of("asks_what_changed"), Set.of(), Set.of(), "open");
        long start = System.nanoTime();
        int trues = 0;
        for (int i = 0; i < 20_000; i++) {
            trues += c.test(ctx) ? 1 : 0;
        }
        assertThat(trues).isEqualTo(20_000);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
