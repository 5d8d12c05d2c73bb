package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Warnings about a scenario that loads but is probably not what its author meant: nodes no {@code goto}
 * reaches, facts no reachable trigger reveals, endings that can never hold, intents nothing uses or that
 * have no examples, and scenarios without tests. Warnings never stop a scenario from loading.
 */
public final class ScenarioLinter {

    public List<Problem> lint(Scenario scenario) {
        List<Problem> out = new ArrayList<>();
        Script script = scenario.script();

        Set<String> reachable = reachableNodes(scenario);
        for (Script.Node node : script.nodes().values()) {
            if (!reachable.contains(node.id())) {
                out.add(Problem.warning(node.location(), "node '" + node.id() + "' cannot be reached: no goto leads "
                        + "to it from the start node '" + script.start() + "'"));
            }
        }

        List<Trigger> reachableTriggers = new ArrayList<>(script.global());
        scenario.reactions().values().forEach(reachableTriggers::addAll);
        script.nodes().values().stream().filter(n -> reachable.contains(n.id())).forEach(n -> reachableTriggers
                .addAll(n.on()));
        Set<String> revealable = new LinkedHashSet<>();
        reachableTriggers.forEach(t -> revealable.addAll(t.reveal()));
        for (Fact fact : scenario.facts()) {
            if (!revealable.contains(fact.id())) {
                out.add(Problem.warning(fact.location(), "fact '" + fact.id() + "' is never revealed: no reachable "
                        + "trigger lists it in reveal"));
            }
        }

        for (Ending ending : scenario.endings().values()) {
            neverHolds(scenario, ending.when(), revealable, reachable).ifPresent(why -> out.add(Problem.warning(
                    ending.location(), "ending '" + ending.id() + "' can never happen: " + why)));
        }

        Set<String> usedIntents = new LinkedHashSet<>();
        allTriggers(scenario).forEach(t -> usedIntents.addAll(t.intents()));
        expressions(scenario).forEach(c -> usedIntents.addAll(ExpressionSyntax.references(c.source())
                .args("matched")));
        usedIntents.addAll(scenario.timing().asks());
        for (Intent intent : scenario.intents().values()) {
            if (!usedIntents.contains(intent.id())) {
                out.add(Problem.warning(intent.location(), "intent '" + intent.id() + "' is never used: no trigger "
                        + "matches it, no expression calls matched('" + intent.id() + "') and timing.asks does not "
                        + "name it"));
            }
            if (intent.examples().isEmpty()) {
                out.add(Problem.warning(intent.location(), "intent '" + intent.id() + "' has no examples, only "
                        + "keywords; add examples so that other phrasings of it match too"));
            }
        }

        if (!scenario.reactions().containsKey(MoveLabel.PRESSURE)) {
            out.add(Problem.warning(new Location(scenario.source(), 1, 1), "no reaction to pressure: add "
                    + "reactions: {pressure: {effects: …, say: […]}} so that pressure always costs the rep, even on "
                    + "lines no rule names"));
        }
        if (scenario.endings().values().stream().noneMatch(Ending::success)) {
            out.add(Problem.warning(new Location(scenario.source(), 1, 1), "no ending is marked success: true, so "
                    + "no session of this scenario can pass; mark the endings that mean the lesson was learned"));
        }
        if (scenario.offers(Scenario.Mode.llm) && scenario.llm().isEmpty()) {
            out.add(Problem.warning(new Location(scenario.source(), 1, 1), "mode lists llm but there is no llm "
                    + "section: the language model gets no background, personality or style"));
        }
        if (scenario.tests().isEmpty()) {
            out.add(Problem.warning(new Location(scenario.source(), 1, 1), "the scenario has no tests; add a tests: "
                    + "section with at least one scripted transcript"));
        }
        return List.copyOf(out);
    }

    private static Set<String> reachableNodes(Scenario scenario) {
        Script script = scenario.script();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(script.start());
        // Global triggers and reactions fire in every node, so their targets are reachable from the start.
        script.global().forEach(t -> t.gotoNode().ifPresent(todo::add));
        scenario.reactions().values().forEach(v -> v.forEach(t -> t.gotoNode().ifPresent(todo::add)));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            Script.Node node = script.nodes().get(id);
            if (node == null || !seen.add(id)) {
                continue;
            }
            node.on().forEach(t -> t.gotoNode().ifPresent(todo::add));
        }
        return seen;
    }

    /** Global triggers, every node's, and the reactions (which can answer in any node). */
    private static Stream<Trigger> allTriggers(Scenario scenario) {
        Script script = scenario.script();
        return Stream.of(script.global().stream(), script.nodes().values().stream().flatMap(n -> n.on().stream()),
                scenario.reactions().values().stream().flatMap(List::stream)).flatMap(t -> t);
    }

    private static Stream<Condition> expressions(Scenario scenario) {
        Stream<Condition> triggers = allTriggers(scenario).flatMap(t -> Stream.concat(t.when().stream(),
                t.effects().values().stream().filter(e -> e instanceof Effect.Assign)
                        .map(e -> ((Effect.Assign) e).expression())));
        return Stream.of(
                        scenario.facts().stream().map(Fact::revealWhen),
                        triggers,
                        scenario.endings().values().stream().map(Ending::when),
                        Stream.of(scenario.timing().readyWhen()))
                .flatMap(s -> s);
    }

    /**
     * Why a condition can never hold, if it is a plain conjunction (no || and no !) with a part that cannot:
     * a fact nothing reveals, a node nothing reaches, or a comparison outside the variable's range.
     */
    private static java.util.Optional<String> neverHolds(Scenario scenario, Condition when, Set<String> revealable,
                                                         Set<String> reachable) {
        ExpressionSyntax.References refs = ExpressionSyntax.references(when.source());
        if (!refs.conjunctive()) {
            return java.util.Optional.empty();
        }
        for (String fact : refs.args("revealed")) {
            if (!revealable.contains(fact)) {
                return java.util.Optional.of("it needs fact '" + fact + "', which no reachable trigger reveals");
            }
        }
        for (String node : refs.args("at")) {
            if (!reachable.contains(node)) {
                return java.util.Optional.of("it needs the persona at node '" + node + "', which cannot be reached");
            }
        }
        for (ExpressionSyntax.Comparison c : refs.comparisons()) {
            StateVar v = scenario.state().get(c.variable());
            if (v != null && v.type() == StateVar.Type.INT && !c.canHold(v.min(), v.max())) {
                return java.util.Optional.of("it needs " + c.variable() + " " + c.op() + " " + format(c.value())
                        + ", but " + c.variable() + " stays between " + v.min() + " and " + v.max());
            }
        }
        return java.util.Optional.empty();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
