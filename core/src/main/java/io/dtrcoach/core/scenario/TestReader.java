package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the scenario's own {@code tests:} into typed expectations, once: state comparisons are parsed here, ids and
 * move names checked against what the file declares.
 */
final class TestReader {
    private static final Set<String> MOVE_NAMES = new LinkedHashSet<>(MoveLabel.moveNames());

    private final ReadContext ctx;
    private final Fields f;

    TestReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<List<ScenarioTest>> tests(YamlNode node, Set<String> endingIds) {
        Set<String> endings = new LinkedHashSet<>(endingIds);
        endings.addAll(EndingReader.RESERVED_ENDINGS);
        return f.list(node, "tests").map(items -> {
            List<ScenarioTest> out = new ArrayList<>();
            Map<String, Location> names = new HashMap<>();
            for (YamlNode item : items) {
                f.mapping(item, "a test").ifPresent(m -> {
                    Fields.Section s = f.section(m, "a test", item.location(), Set.of("name", "given", "turns"));
                    Optional<String> name = s.required("name", n -> f.line(n, "test name"));
                    name.ifPresent(x -> {
                        Location first = names.putIfAbsent(x, item.location());
                        if (first != null) {
                            ctx.problems.error(s.optional("name").orElseThrow().location(), "duplicate test name '"
                                    + x + "' (first at line " + first.line() + ")");
                        }
                    });
                    Optional<ScenarioTest.Given> given = s.optional("given").flatMap(n -> given(n,
                            s.keyLocation("given").orElseThrow()));
                    Optional<List<ScenarioTest.TestTurn>> turns = s.required("turns", n -> turns(n, endings));
                    if (turns.isPresent() && turns.get().isEmpty()) {
                        ctx.problems.error(s.optional("turns").orElseThrow().location(), "a test needs at least one "
                                + "turn");
                    }
                    if (name.isPresent() && turns.isPresent()) {
                        out.add(new ScenarioTest(name.get(), given, turns.get(), item.location()));
                    }
                });
            }
            return out;
        });
    }

    private Optional<ScenarioTest.Given> given(YamlNode node, Location owner) {
        ExpressionCompiler.Declared declared = ctx.declared();
        return f.mapping(node, "given").map(m -> {
            Fields.Section s = f.section(m, "given", owner, Set.of("node", "state", "revealed"));
            Optional<String> at = s.optional("node", n -> ctx.reference(n, "given.node", declared.nodes(), "node"));
            Map<String, Integer> values = s.optional("state").flatMap(n -> f.mapping(n, "given.state")).map(sm -> {
                Map<String, Integer> out = new LinkedHashMap<>();
                for (YamlNode.Entry e : sm.entries().values()) {
                    StateVar v = declared.vars().get(e.key());
                    if (v == null) {
                        ctx.problems.error(e.keyLocation(), "undeclared variable '"
                                + YamlReader.truncate(e.key(), 60) + "'" + Suggestions.hint(e.key(),
                                declared.vars().keySet()));
                        continue;
                    }
                    Optional<Integer> value = v.type() == StateVar.Type.BOOL
                            ? f.bool(e.value(), e.key()).map(b -> b ? 1 : 0)
                            : f.integer(e.value(), e.key(), v.min(), v.max());
                    value.ifPresent(x -> out.put(e.key(), x));
                }
                return out;
            }).orElse(Map.of());
            List<String> revealed = s.optional("revealed", n -> ctx.references(n, "given.revealed",
                    declared.facts(), "fact")).orElse(List.of());
            return new ScenarioTest.Given(at, values, revealed);
        });
    }

    private Optional<List<ScenarioTest.TestTurn>> turns(YamlNode node, Set<String> endings) {
        return f.list(node, "turns").map(items -> {
            List<ScenarioTest.TestTurn> out = new ArrayList<>();
            for (YamlNode item : items) {
                f.mapping(item, "a test turn").ifPresent(m -> {
                    Fields.Section s = f.section(m, "a test turn", item.location(), Set.of("rep", "expect"));
                    Optional<String> rep = s.required("rep", n -> f.line(n, "rep"));
                    ScenarioTest.Expect expect = s.optional("expect").flatMap(n -> expect(n,
                            s.keyLocation("expect").orElseThrow(), endings)).orElse(ScenarioTest.Expect.NONE);
                    rep.ifPresent(r -> out.add(new ScenarioTest.TestTurn(r, expect, item.location())));
                });
            }
            return out;
        });
    }

    private Optional<ScenarioTest.Expect> expect(YamlNode node, Location owner, Set<String> endings) {
        ExpressionCompiler.Declared declared = ctx.declared();
        return f.mapping(node, "expect").map(m -> {
            Fields.Section s = f.section(m, "expect", owner, Set.of("intents", "not_intents", "state", "revealed",
                    "node", "ending", "moves", "not_moves", "answered"));
            Optional<List<String>> intents = s.optional("intents", n -> ctx.references(n, "intents",
                    declared.intents(), "intent"));
            List<String> notIntents = s.optional("not_intents", n -> ctx.references(n, "not_intents",
                    declared.intents(), "intent")).orElse(List.of());
            Map<String, Comparison> state = s.optional("state").flatMap(n -> f.mapping(n, "expect.state"))
                    .map(sm -> {
                        Map<String, Comparison> out = new LinkedHashMap<>();
                        for (YamlNode.Entry e : sm.entries().values()) {
                            if (!declared.vars().containsKey(e.key())) {
                                ctx.problems.error(e.keyLocation(), "undeclared variable '"
                                        + YamlReader.truncate(e.key(), 60) + "'" + Suggestions.hint(e.key(),
                                        declared.vars().keySet()));
                                continue;
                            }
                            comparison(e).ifPresent(x -> out.put(e.key(), x));
                        }
                        return out;
                    }).orElse(Map.of());
            Optional<List<String>> revealed = s.optional("revealed", n -> ctx.references(n, "revealed",
                    declared.facts(), "fact"));
            Optional<String> at = s.optional("node", n -> ctx.reference(n, "node", declared.nodes(), "node"));
            Optional<String> ending = s.optional("ending", n -> ctx.reference(n, "ending", endings, "ending"));
            List<String> moves = s.optional("moves", n -> ctx.references(n, "moves", MOVE_NAMES, "move label"))
                    .orElse(List.of());
            List<String> notMoves = s.optional("not_moves", n -> ctx.references(n, "not_moves", MOVE_NAMES,
                    "move label")).orElse(List.of());
            Set<String> answerable = new LinkedHashSet<>(MOVE_NAMES);
            answerable.addAll(declared.intents());
            answerable.add(ScenarioTest.NO_MATCH);
            Optional<String> answered = s.optional("answered", n -> ctx.reference(n, "answered", answerable,
                    "move or intent"));
            return new ScenarioTest.Expect(intents, notIntents, state, revealed, at, ending, moves, notMoves,
                    answered);
        });
    }

    /** A state expectation: "&gt;= 60", "== 1", a bare number or true/false. */
    private Optional<Comparison> comparison(YamlNode.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s) {
            switch (s.kind()) {
                case INTEGER -> {
                    return f.integer(s, e.key(), -ReadContext.VALUE_LIMIT, ReadContext.VALUE_LIMIT)
                            .map(v -> new Comparison(Comparison.Op.EQ, v));
                }
                case BOOLEAN -> {
                    return Optional.of(new Comparison(Comparison.Op.EQ, Boolean.TRUE.equals(s.value()) ? 1 : 0));
                }
                case STRING -> {
                    Optional<Comparison> c = Comparison.parse(s.text());
                    if (c.isEmpty()) {
                        ctx.problems.error(s.location(), "expected a comparison such as \">= 60\", \"< 50\" or "
                                + "\"== 1\" for " + e.key() + ", found \"" + YamlReader.truncate(s.text(), 40) + "\"");
                    }
                    return c;
                }
                default -> {
                }
            }
        }
        ctx.problems.error(e.value().location(), "expected a comparison such as \">= 60\" for " + e.key() + ", found "
                + e.value().describe());
        return Optional.empty();
    }
}
