package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the scripted persona: {@code script} (nodes of triggers) and {@code reactions} (the persona's default
 * answer per move). A trigger's {@code match} names shared moves ({@code {move: permission_no}}) and topic intents
 * (bare ids).
 */
final class ScriptReader {
    private static final Set<String> TRIGGER_KEYS = Set.of("match", "when", "effects", "say", "goto", "reveal",
            "once");
    private static final Set<String> MOVE_NAMES = new LinkedHashSet<>(MoveLabel.moveNames());

    private final ReadContext ctx;
    private final Fields f;

    ScriptReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<Script> script(YamlNode node, Location owner) {
        return f.mapping(node, "script").flatMap(m -> {
            Fields.Section s = f.section(m, "script", owner, Set.of("start", "global", "nodes"));
            Optional<String> start = s.required("start", n -> ctx.reference(n, "script.start",
                    ctx.declared().nodes(), "node"));
            List<Trigger> global = s.optional("global", n -> triggers(n, "script.global")).orElse(List.of());
            Optional<Map<String, Script.Node>> nodes = s.required("nodes", this::nodes);
            if (nodes.isPresent() && ctx.declared().nodes().isEmpty()) {
                ctx.problems.error(s.keyLocation("nodes").orElseThrow(), "script.nodes needs at least one node");
                return Optional.empty();
            }
            if (start.isEmpty() || nodes.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Script(start.get(), global, nodes.get()));
        });
    }

    private Optional<Map<String, Script.Node>> nodes(YamlNode node) {
        return f.mapping(node, "script.nodes").map(m -> {
            Map<String, Script.Node> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String id = e.key();
                if (!ctx.validName(e, "node id")) {
                    continue;
                }
                String what = "node '" + id + "'";
                f.mapping(e.value(), what).ifPresent(nm -> {
                    Fields.Section s = f.section(nm, what, e.keyLocation(), Set.of("on", "no_match"));
                    List<Trigger> on = s.optional("on", n -> triggers(n, what + " on")).orElse(List.of());
                    s.required("no_match", n -> f.lines(n, what + " no_match", true))
                            .ifPresent(noMatch -> out.put(id, new Script.Node(id, on, noMatch, e.keyLocation())));
                });
            }
            return out;
        });
    }

    private Optional<List<Trigger>> triggers(YamlNode node, String what) {
        return f.list(node, what).map(items -> {
            List<Trigger> out = new ArrayList<>();
            for (YamlNode item : items) {
                trigger(item, "a trigger in " + what, Optional.empty()).ifPresent(out::add);
            }
            return out;
        });
    }

    /**
     * {@code reactions:} move name → one reaction or a list of them (the first whose {@code when} holds answers).
     * A reaction is a trigger without {@code match}: the move it is filed under is its match.
     */
    Optional<Map<String, List<Trigger>>> reactions(YamlNode node) {
        return f.mapping(node, "reactions").map(m -> {
            Map<String, List<Trigger>> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String move = e.key();
                if (!MOVE_NAMES.contains(move)) {
                    ctx.problems.error(e.keyLocation(), "unknown move '" + YamlReader.truncate(move, 60)
                            + "' in reactions; expected a move label or 'pressure'" + Suggestions.hint(move,
                            MOVE_NAMES));
                    continue;
                }
                String what = "the reaction to " + move;
                Match match = Match.move(move);
                List<YamlNode> items = e.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of(e.value());
                List<Trigger> variants = new ArrayList<>();
                for (YamlNode item : items) {
                    trigger(item, what, Optional.of(match)).ifPresent(variants::add);
                }
                if (!variants.isEmpty()) {
                    out.put(move, variants);
                }
            }
            return out;
        });
    }

    private Optional<Trigger> trigger(YamlNode node, String what, Optional<Match> filedUnder) {
        return f.mapping(node, what).flatMap(m -> {
            Set<String> allowed = filedUnder.isPresent() ? without(TRIGGER_KEYS, "match") : TRIGGER_KEYS;
            Fields.Section s = f.section(m, what, node.location(), allowed);
            List<Match> match = filedUnder.map(List::of)
                    .orElseGet(() -> s.optional("match", n -> matches(n)).orElse(List.of()));
            Optional<Condition> when = s.optional("when").flatMap(n -> ctx.condition(n, "when"));
            Map<String, Effect> effects = s.optional("effects").flatMap(this::effects).orElse(Map.of());
            Optional<List<String>> say = s.required("say", n -> f.lines(n, "say", true));
            Optional<String> gotoNode = s.optional("goto", n -> ctx.reference(n, "goto", ctx.declared().nodes(),
                    "node"));
            List<String> reveal = s.optional("reveal", n -> ctx.references(n, "reveal", ctx.declared().facts(),
                    "fact")).orElse(List.of());
            boolean once = s.optional("once", n -> f.bool(n, "once")).orElse(false);
            if (say.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Trigger(match, when, effects, say.get(), gotoNode, reveal, once,
                    node.location()));
        });
    }

    /** One match or a list of them: an intent id, or {@code {move: label}}. */
    private Optional<List<Match>> matches(YamlNode node) {
        List<YamlNode> items = node instanceof YamlNode.Sequence seq ? seq.items() : List.of(node);
        List<Match> out = new ArrayList<>();
        for (YamlNode item : items) {
            match(item).ifPresent(out::add);
        }
        return Optional.of(out);
    }

    private Optional<Match> match(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            Fields.Section s = f.section(m, "a move match", node.location(), Set.of("move"));
            return s.required("move", n -> ctx.reference(n, "match", MOVE_NAMES, "move")).map(Match::move);
        }
        if (node instanceof YamlNode.Scalar sc && sc.isString() && MOVE_NAMES.contains(sc.text())
                && !ctx.declared().intents().contains(sc.text())) {
            ctx.problems.error(node.location(), "'" + sc.text() + "' is a shared move, not an intent of this "
                    + "scenario: write {move: " + sc.text() + "}");
            return Optional.empty();
        }
        return ctx.reference(node, "match", ctx.declared().intents(), "intent").map(Match::intent);
    }

    private Optional<Map<String, Effect>> effects(YamlNode node) {
        return f.mapping(node, "effects").map(m -> {
            Map<String, Effect> out = new LinkedHashMap<>();
            Map<String, StateVar> vars = ctx.declared().vars();
            for (YamlNode.Entry e : m.entries().values()) {
                String name = e.key();
                StateVar v = vars.get(name);
                if (v == null) {
                    ctx.problems.error(e.keyLocation(), (name.equals("turn") ? "'turn' cannot be changed"
                            : "effect on undeclared variable '" + YamlReader.truncate(name, 60) + "'")
                            + Suggestions.hint(name, vars.keySet()));
                    continue;
                }
                effect(v, e.value()).ifPresent(effect -> out.put(name, effect));
            }
            return out;
        });
    }

    private Optional<Effect> effect(StateVar v, YamlNode value) {
        if (value instanceof YamlNode.Scalar s) {
            switch (s.kind()) {
                case INTEGER -> {
                    if (v.type() == StateVar.Type.BOOL) {
                        ctx.problems.error(s.location(), "'" + v.name() + "' is a bool: set it with \"true\" or "
                                + "\"false\", not a number");
                        return Optional.empty();
                    }
                    return f.integer(s, "the change to '" + v.name() + "'", -ReadContext.VALUE_LIMIT,
                            ReadContext.VALUE_LIMIT).map(d -> new Effect.Delta(v.name(), d));
                }
                case STRING -> {
                    return ctx.value(s).map(c -> new Effect.Assign(v.name(), c));
                }
                case BOOLEAN -> {
                    if (v.type() != StateVar.Type.BOOL) {
                        ctx.problems.error(s.location(), "'" + v.name() + "' is an int: give a change such as +10 "
                                + "or an expression in quotes, not true/false");
                        return Optional.empty();
                    }
                    String literal = Boolean.TRUE.equals(s.value()) ? "true" : "false";
                    return ctx.value(new YamlNode.Scalar(s.location(), YamlNode.Kind.STRING, literal, literal,
                            YamlNode.Style.PLAIN)).map(c -> new Effect.Assign(v.name(), c));
                }
                default -> {
                }
            }
        }
        ctx.problems.error(value.location(), "expected a change (a number such as +20 or -10) or an expression in "
                + "quotes (\"comfort / 2\") for '" + v.name() + "', found " + value.describe());
        return Optional.empty();
    }

    private static Set<String> without(Set<String> keys, String key) {
        Set<String> out = new LinkedHashSet<>(keys);
        out.remove(key);
        return out;
    }
}
