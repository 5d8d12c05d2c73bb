package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the prospect's inner state: the {@code state} variables and the hidden {@code facts}. */
final class StateReader {
    private final ReadContext ctx;
    private final Fields f;

    StateReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<Map<String, StateVar>> state(YamlNode node) {
        return f.mapping(node, "state").map(m -> {
            Map<String, StateVar> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String name = e.key();
                if (!ctx.validName(e, "variable name")) {
                    continue;
                }
                if (ExpressionCompiler.RESERVED.contains(name)) {
                    ctx.problems.error(e.keyLocation(), "'" + name + "' is reserved in expressions and cannot be a "
                            + "variable name");
                    continue;
                }
                // A variable written but broken still counts as declared, so its uses do not pile up errors.
                out.put(name, stateVar(name, e).orElseGet(() -> placeholder(name, e)));
            }
            return out;
        });
    }

    private static StateVar placeholder(String name, YamlNode.Entry e) {
        boolean bool = e.value() instanceof YamlNode.Mapping m && m.entries().get("type") != null
                && m.entries().get("type").value() instanceof YamlNode.Scalar t && t.text().equals("bool");
        return bool ? new StateVar(name, StateVar.Type.BOOL, 0, 1, 0, "")
                : new StateVar(name, StateVar.Type.INT, -ReadContext.VALUE_LIMIT, ReadContext.VALUE_LIMIT, 0, "");
    }

    private Optional<StateVar> stateVar(String name, YamlNode.Entry e) {
        String what = "state variable '" + name + "'";
        int limit = ReadContext.VALUE_LIMIT;
        return f.mapping(e.value(), what).flatMap(m -> {
            Fields.Section s = f.section(m, what, e.keyLocation(), Set.of("type", "min", "max", "start",
                    "description"));
            Optional<StateVar.Type> type = s.required("type").flatMap(n -> {
                Optional<String> t = f.string(n, "type");
                if (t.isPresent() && !t.get().equals("int") && !t.get().equals("bool")) {
                    ctx.problems.error(n.location(), "unknown type '" + YamlReader.truncate(t.get(), 40)
                            + "'; expected int or bool" + Suggestions.hint(t.get(), List.of("int", "bool")));
                    return Optional.empty();
                }
                return t.map(x -> x.equals("int") ? StateVar.Type.INT : StateVar.Type.BOOL);
            });
            String description = s.optional("description", n -> f.string(n, "description")).orElse("");
            if (type.isEmpty()) {
                return Optional.empty();
            }
            if (type.get() == StateVar.Type.BOOL) {
                for (String k : List.of("min", "max")) {
                    s.keyLocation(k).ifPresent(at -> ctx.problems.error(at, "'" + k + "' applies only to int "
                            + "variables; " + name + " is a bool"));
                }
                return s.required("start", n -> f.bool(n, what + " start"))
                        .map(start -> new StateVar(name, StateVar.Type.BOOL, 0, 1, start ? 1 : 0, description));
            }
            Optional<Integer> min = s.required("min", n -> f.integer(n, "min", -limit, limit));
            Optional<Integer> max = s.required("max", n -> f.integer(n, "max", -limit, limit));
            Optional<Integer> start = s.required("start", n -> f.integer(n, "start", -limit, limit));
            if (min.isEmpty() || max.isEmpty() || start.isEmpty()) {
                return Optional.empty();
            }
            if (min.get() > max.get()) {
                ctx.problems.error(s.optional("min").orElseThrow().location(), "min (" + min.get()
                        + ") is greater than max (" + max.get() + ")");
                return Optional.empty();
            }
            if (start.get() < min.get() || start.get() > max.get()) {
                ctx.problems.error(s.optional("start").orElseThrow().location(), "start must be between min and max ("
                        + min.get() + ".." + max.get() + "), found " + start.get());
                return Optional.empty();
            }
            return Optional.of(new StateVar(name, StateVar.Type.INT, min.get(), max.get(), start.get(), description));
        });
    }

    /** The fact ids a {@code facts} list declares, read before anything else so expressions may name them. */
    static Set<String> factIds(YamlNode node) {
        Set<String> ids = new LinkedHashSet<>();
        if (node instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Mapping m && m.entries().get("id") != null
                        && m.entries().get("id").value() instanceof YamlNode.Scalar sc && sc.isString()) {
                    ids.add(sc.text());
                }
            }
        }
        return ids;
    }

    /** The facts, and where each fact's {@code llm_hint} was written (for the locked-fact check). */
    record Facts(List<Fact> facts, Map<String, YamlNode.Scalar> hints) {
    }

    Optional<Facts> facts(YamlNode node) {
        return f.list(node, "facts").map(items -> {
            List<Fact> out = new ArrayList<>();
            Map<String, YamlNode.Scalar> hints = new LinkedHashMap<>();
            Map<String, Location> seen = new HashMap<>();
            for (YamlNode item : items) {
                f.mapping(item, "a fact").ifPresent(m -> {
                    Fields.Section s = f.section(m, "a fact", item.location(),
                            Set.of("id", "text", "keywords", "reveal_when", "llm_hint"));
                    Optional<String> id = s.required("id", n -> f.id(n, "fact id", ReadContext.NAME_PATTERN,
                            ReadContext.NAME_TEXT));
                    id.ifPresent(x -> ctx.duplicate(seen, x, "fact", s.optional("id").orElseThrow().location()));
                    Optional<String> text = s.required("text", n -> f.line(n, "fact text"));
                    List<String> keywords = s.optional("keywords", n -> f.strings(n, "keywords", false))
                            .orElse(List.of());
                    Optional<Condition> when = s.required("reveal_when").flatMap(n -> ctx.condition(n,
                            "reveal_when"));
                    Optional<String> hint = s.optional("llm_hint", n -> f.line(n, "llm_hint"));
                    if (id.isPresent() && text.isPresent() && when.isPresent()) {
                        out.add(new Fact(id.get(), text.get(), when.get(), keywords, hint, item.location()));
                        s.optional("llm_hint").filter(n -> n instanceof YamlNode.Scalar)
                                .ifPresent(n -> hints.put(id.get(), (YamlNode.Scalar) n));
                    }
                });
            }
            return new Facts(out, hints);
        });
    }
}
