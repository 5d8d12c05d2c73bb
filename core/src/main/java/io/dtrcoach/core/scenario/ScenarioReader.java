package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps the located YAML tree of one file to a {@link Scenario}, reporting every problem on the way (it does
 * not stop at the first). Ids are gathered first, so that an expression may name a node declared further
 * down the file.
 */
final class ScenarioReader {
    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*";
    static final String NAME_PATTERN = "[a-z][a-z0-9_]*";
    static final int MAX_TURNS = 60;
    static final int VALUE_LIMIT = 1_000_000;
    static final Set<String> RESERVED_ENDINGS = Set.of("rep_ended", "turn_limit");
    static final List<String> RUBRIC_DIMENSIONS = List.of("timing", "pressure", "autonomy", "listening", "outcome");
    private static final Pattern EXPECTATION = Pattern.compile("\\s*(==|!=|<=|>=|<|>)?\\s*(-?\\d{1,9}|true|false)\\s*");
    private static final String NAME_TEXT = "lower-case letters, digits and '_', starting with a letter";

    static final Set<String> TOP_KEYS = orderedSet("schema", "id", "title", "difficulty", "brief", "persona", "mode",
            "state", "facts", "intents", "classifier_examples", "timing", "script", "llm", "endings", "rubric",
            "tests");

    private final Fields f;
    private final Problems problems;
    private final ExpressionCompiler compiler;
    private final SourceText text;
    private final String source;
    private ExpressionCompiler.Declared declared;

    ScenarioReader(Problems problems, ExpressionCompiler compiler, SourceText text) {
        this.f = new Fields(problems);
        this.problems = problems;
        this.compiler = compiler;
        this.text = text;
        this.source = problems.file();
    }

    /** Where the {@code id:} key was written, for messages about the scenario as a whole. */
    private Location idLocation;

    Optional<Location> idLocation() {
        return Optional.ofNullable(idLocation);
    }

    Optional<Scenario> read(YamlNode root) {
        Optional<YamlNode.Mapping> top = root instanceof YamlNode.Mapping m ? Optional.of(m) : Optional.empty();
        if (top.isEmpty()) {
            problems.error(root.location(), "expected a scenario: a mapping of keys such as schema, id, title, "
                    + "brief…, found " + root.describe());
            return Optional.empty();
        }
        Fields.Section s = f.section(top.get(), "the scenario", problems.at(1, 1), TOP_KEYS);
        idLocation = s.keyLocation("id").orElse(null);

        Optional<String> schema = s.required("schema", n -> f.string(n, "schema"));
        if (schema.isPresent() && !schema.get().equals(Scenario.SCHEMA)) {
            problems.error(s.optional("schema").orElseThrow().location(), "unknown schema '"
                    + YamlReader.truncate(schema.get(), 60) + "'; expected '" + Scenario.SCHEMA + "'");
        }
        Optional<String> id = s.required("id", n -> f.id(n, "scenario id", ID_PATTERN,
                "lower-case letters, digits and '-', starting with a letter or digit"));
        Optional<String> title = s.required("title", n -> f.line(n, "title"));
        title.filter(t -> t.contains("\n")).ifPresent(t -> problems.error(s.optional("title").orElseThrow()
                .location(), "the title must fit on one line"));
        Scenario.Difficulty difficulty = s.optional("difficulty", n -> enumValue(n, "difficulty",
                Scenario.Difficulty.class)).orElse(Scenario.Difficulty.medium);

        Optional<Brief> brief = s.required("brief").flatMap(n -> brief(n, s.keyLocation("brief").orElseThrow()));
        Optional<Persona> persona = s.required("persona").flatMap(n -> persona(n,
                s.keyLocation("persona").orElseThrow()));
        List<Scenario.Mode> modes = s.optional("mode").flatMap(this::modes).orElse(List.of(Scenario.Mode.scripted));

        // Declarations first: expressions anywhere may name any of them.
        Map<String, StateVar> state = s.required("state").flatMap(this::state).orElse(Map.of());
        Set<String> intentIds = s.optional("intents").filter(n -> n instanceof YamlNode.Mapping)
                .map(n -> ((YamlNode.Mapping) n).entries().keySet()).orElse(Set.of());
        Set<String> factIds = s.optional("facts").map(this::factIds).orElse(Set.of());
        Set<String> nodeIds = s.optional("script").filter(n -> n instanceof YamlNode.Mapping)
                .flatMap(n -> Optional.ofNullable(((YamlNode.Mapping) n).entries().get("nodes")))
                .map(YamlNode.Entry::value).filter(n -> n instanceof YamlNode.Mapping)
                .map(n -> ((YamlNode.Mapping) n).entries().keySet()).orElse(Set.of());
        declared = new ExpressionCompiler.Declared(state, intentIds, factIds, nodeIds);

        Optional<Map<String, Intent>> intents = s.required("intents").flatMap(this::intents);
        List<Fact> facts = s.optional("facts").flatMap(this::facts).orElse(List.of());
        Map<String, List<String>> classifierExamples = s.optional("classifier_examples")
                .flatMap(this::classifierExamples).orElse(Map.of());
        Optional<Timing> timing = s.required("timing").flatMap(n -> timing(n, s.keyLocation("timing").orElseThrow(),
                brief));
        Optional<Script> script = s.required("script").flatMap(n -> script(n, s.keyLocation("script").orElseThrow()));
        Optional<LlmPersona> llm = s.optional("llm").flatMap(n -> llm(n, s.keyLocation("llm").orElseThrow()));
        Optional<Map<String, Ending>> endings = s.required("endings").flatMap(this::endings);
        Rubric rubric = s.optional("rubric").flatMap(n -> rubric(n, s.keyLocation("rubric").orElseThrow()))
                .orElse(Rubric.defaults());
        Set<String> endingIds = s.optional("endings").filter(n -> n instanceof YamlNode.Mapping)
                .map(n -> ((YamlNode.Mapping) n).entries().keySet()).orElse(Set.of());
        List<ScenarioTest> tests = s.optional("tests").flatMap(n -> tests(n, endingIds)).orElse(List.of());

        if (problems.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario(schema.orElseThrow(), id.orElseThrow(), title.orElseThrow(), difficulty,
                brief.orElseThrow(), persona.orElseThrow(), modes, state, facts, intents.orElseThrow(),
                classifierExamples, timing.orElseThrow(), script.orElseThrow(), llm, endings.orElseThrow(), rubric,
                tests, source));
    }

    // ---- brief, persona, mode ----

    private Optional<Brief> brief(YamlNode node, Location owner) {
        return f.mapping(node, "brief").flatMap(m -> {
            Fields.Section s = f.section(m, "brief", owner,
                    Set.of("prospect", "situation", "history", "objective", "max_turns"));
            Optional<String> prospect = s.required("prospect", n -> f.line(n, "brief.prospect"));
            Optional<String> situation = s.required("situation", n -> f.line(n, "brief.situation"));
            Optional<Brief.History> history = s.required("history").flatMap(n -> history(n,
                    s.keyLocation("history").orElseThrow()));
            Optional<String> objective = s.required("objective", n -> f.line(n, "brief.objective"));
            Optional<Integer> maxTurns = s.required("max_turns", n -> f.integer(n, "brief.max_turns", 1, MAX_TURNS));
            if (prospect.isEmpty() || situation.isEmpty() || history.isEmpty() || objective.isEmpty()
                    || maxTurns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Brief(prospect.get(), situation.get(), history.get(), objective.get(),
                    maxTurns.get()));
        });
    }

    private Optional<Brief.History> history(YamlNode node, Location owner) {
        return f.mapping(node, "brief.history").flatMap(m -> {
            Fields.Section s = f.section(m, "brief.history", owner,
                    Set.of("weeks_in_cycle", "demos", "scoped", "pricing_sent", "references_called", "events"));
            Optional<Integer> weeks = s.required("weeks_in_cycle", n -> f.integer(n, "weeks_in_cycle", 0, 520));
            Optional<Integer> demos = s.required("demos", n -> f.integer(n, "demos", 0, 100));
            Optional<Boolean> scoped = s.required("scoped", n -> f.bool(n, "scoped"));
            Optional<Boolean> pricing = s.required("pricing_sent", n -> f.bool(n, "pricing_sent"));
            Optional<Integer> refs = s.required("references_called", n -> f.integer(n, "references_called", 0,
                    100));
            List<String> events = s.optional("events", n -> f.strings(n, "events", false)).orElse(List.of());
            if (weeks.isEmpty() || demos.isEmpty() || scoped.isEmpty() || pricing.isEmpty() || refs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Brief.History(weeks.get(), demos.get(), scoped.get(), pricing.get(), refs.get(),
                    events));
        });
    }

    private Optional<Persona> persona(YamlNode node, Location owner) {
        return f.mapping(node, "persona").flatMap(m -> {
            Fields.Section s = f.section(m, "persona", owner, Set.of("name", "role", "company", "voice", "openers"));
            Optional<String> name = s.required("name", n -> f.line(n, "persona.name"));
            Optional<String> role = s.required("role", n -> f.line(n, "persona.role"));
            String company = s.optional("company", n -> f.string(n, "persona.company")).orElse("");
            List<String> voice = s.optional("voice", n -> f.strings(n, "persona.voice", false)).orElse(List.of());
            Optional<List<String>> openers = s.required("openers", n -> f.lines(n, "persona.openers", false));
            if (name.isEmpty() || role.isEmpty() || openers.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Persona(name.get(), role.get(), company, voice, openers.get()));
        });
    }

    private Optional<List<Scenario.Mode>> modes(YamlNode node) {
        return f.list(node, "mode").flatMap(items -> {
            if (items.isEmpty()) {
                problems.error(node.location(), "mode needs at least one of scripted, llm");
                return Optional.empty();
            }
            List<Scenario.Mode> out = new ArrayList<>();
            for (YamlNode item : items) {
                enumValue(item, "mode", Scenario.Mode.class).ifPresent(mode -> {
                    if (out.contains(mode)) {
                        problems.error(item.location(), "mode '" + mode + "' is listed twice");
                    }
                    out.add(mode);
                });
            }
            return Optional.of(List.copyOf(new LinkedHashSet<>(out)));
        });
    }

    // ---- state ----

    private Optional<Map<String, StateVar>> state(YamlNode node) {
        return f.mapping(node, "state").map(m -> {
            Map<String, StateVar> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String name = e.key();
                if (!name.matches(NAME_PATTERN)) {
                    problems.error(e.keyLocation(), "'" + YamlReader.truncate(name, 60)
                            + "' is not a valid variable name; expected " + NAME_TEXT);
                    continue;
                }
                if (ExpressionCompiler.RESERVED.contains(name)) {
                    problems.error(e.keyLocation(), "'" + name + "' is reserved in expressions and cannot be a "
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
                : new StateVar(name, StateVar.Type.INT, -VALUE_LIMIT, VALUE_LIMIT, 0, "");
    }

    private Optional<StateVar> stateVar(String name, YamlNode.Entry e) {
        String what = "state variable '" + name + "'";
        return f.mapping(e.value(), what).flatMap(m -> {
            Fields.Section s = f.section(m, what, e.keyLocation(), Set.of("type", "min", "max", "start",
                    "description"));
            Optional<StateVar.Type> type = s.required("type").flatMap(n -> {
                Optional<String> t = f.string(n, "type");
                if (t.isPresent() && !t.get().equals("int") && !t.get().equals("bool")) {
                    problems.error(n.location(), "unknown type '" + YamlReader.truncate(t.get(), 40)
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
                    s.keyLocation(k).ifPresent(at -> problems.error(at, "'" + k + "' applies only to int "
                            + "variables; " + name + " is a bool"));
                }
                return s.required("start", n -> f.bool(n, what + " start"))
                        .map(start -> new StateVar(name, StateVar.Type.BOOL, 0, 1, start ? 1 : 0, description));
            }
            Optional<Integer> min = s.required("min", n -> f.integer(n, "min", -VALUE_LIMIT, VALUE_LIMIT));
            Optional<Integer> max = s.required("max", n -> f.integer(n, "max", -VALUE_LIMIT, VALUE_LIMIT));
            Optional<Integer> start = s.required("start", n -> f.integer(n, "start", -VALUE_LIMIT, VALUE_LIMIT));
            if (min.isEmpty() || max.isEmpty() || start.isEmpty()) {
                return Optional.empty();
            }
            if (min.get() > max.get()) {
                problems.error(s.optional("min").orElseThrow().location(), "min (" + min.get()
                        + ") is greater than max (" + max.get() + ")");
                return Optional.empty();
            }
            if (start.get() < min.get() || start.get() > max.get()) {
                problems.error(s.optional("start").orElseThrow().location(), "start must be between min and max ("
                        + min.get() + ".." + max.get() + "), found " + start.get());
                return Optional.empty();
            }
            return Optional.of(new StateVar(name, StateVar.Type.INT, min.get(), max.get(), start.get(), description));
        });
    }

    // ---- facts, intents, classifier examples ----

    private Set<String> factIds(YamlNode node) {
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

    private Optional<List<Fact>> facts(YamlNode node) {
        return f.list(node, "facts").map(items -> {
            List<Fact> out = new ArrayList<>();
            Map<String, Location> seen = new HashMap<>();
            for (YamlNode item : items) {
                f.mapping(item, "a fact").ifPresent(m -> {
                    Fields.Section s = f.section(m, "a fact", item.location(),
                            Set.of("id", "text", "keywords", "reveal_when"));
                    Optional<String> id = s.required("id", n -> f.id(n, "fact id", NAME_PATTERN, NAME_TEXT));
                    id.ifPresent(x -> duplicate(seen, x, "fact", s.optional("id").orElseThrow().location()));
                    Optional<String> text = s.required("text", n -> f.line(n, "fact text"));
                    List<String> keywords = s.optional("keywords", n -> f.strings(n, "keywords", false))
                            .orElse(List.of());
                    Optional<Condition> when = s.required("reveal_when").flatMap(n -> condition(n, "reveal_when"));
                    if (id.isPresent() && text.isPresent() && when.isPresent()) {
                        out.add(new Fact(id.get(), text.get(), when.get(), keywords, item.location()));
                    }
                });
            }
            return out;
        });
    }

    private void duplicate(Map<String, Location> seen, String id, String what, Location at) {
        Location first = seen.putIfAbsent(id, at);
        if (first != null) {
            problems.error(at, "duplicate " + what + " id '" + id + "' (first declared at line " + first.line()
                    + ", column " + first.column() + ")");
        }
    }

    private Optional<Map<String, Intent>> intents(YamlNode node) {
        return f.mapping(node, "intents").map(m -> {
            Map<String, Intent> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String id = e.key();
                if (!id.matches(NAME_PATTERN)) {
                    problems.error(e.keyLocation(), "'" + YamlReader.truncate(id, 60)
                            + "' is not a valid intent id; expected " + NAME_TEXT);
                    continue;
                }
                String what = "intent '" + id + "'";
                f.mapping(e.value(), what).ifPresent(im -> {
                    Fields.Section s = f.section(im, what, e.keyLocation(), Set.of("examples", "keywords",
                            "threshold"));
                    List<String> examples = s.optional("examples", n -> f.strings(n, what + " examples", false))
                            .orElse(List.of());
                    List<String> keywords = s.optional("keywords", n -> f.strings(n, what + " keywords", false))
                            .orElse(List.of());
                    double threshold = s.optional("threshold", n -> f.number(n, what + " threshold", 0.0, 1.0))
                            .orElse(Intent.DEFAULT_THRESHOLD);
                    if (examples.isEmpty() && keywords.isEmpty() && !s.has("examples") && !s.has("keywords")) {
                        problems.error(e.keyLocation(), what + " has neither examples nor keywords, so it can "
                                + "never match");
                    } else if (examples.isEmpty() && keywords.isEmpty()) {
                        problems.error(e.keyLocation(), what + " has no examples and no keywords, so it can never "
                                + "match");
                    }
                    if (examples.stream().anyMatch(String::isBlank) || keywords.stream().anyMatch(String::isBlank)) {
                        problems.error(e.keyLocation(), what + " has an empty example or keyword");
                    }
                    out.put(id, new Intent(id, examples, keywords, threshold, e.keyLocation()));
                });
            }
            return out;
        });
    }

    private Optional<Map<String, List<String>>> classifierExamples(YamlNode node) {
        Set<String> labels = Arrays.stream(MoveLabel.values()).map(MoveLabel::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return f.mapping(node, "classifier_examples").map(m -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                if (!labels.contains(e.key())) {
                    problems.error(e.keyLocation(), "unknown move label '" + YamlReader.truncate(e.key(), 60) + "'"
                            + Suggestions.hint(e.key(), labels));
                    continue;
                }
                f.lines(e.value(), "classifier_examples." + e.key(), false).ifPresent(l -> out.put(e.key(), l));
            }
            return out;
        });
    }

    // ---- timing, script ----

    private Optional<Timing> timing(YamlNode node, Location owner, Optional<Brief> brief) {
        return f.mapping(node, "timing").flatMap(m -> {
            Fields.Section s = f.section(m, "timing", owner, Set.of("window", "ready_when"));
            Optional<int[]> window = s.required("window").flatMap(n -> f.mapping(n, "timing.window")).flatMap(w -> {
                Fields.Section ws = f.section(w, "timing.window", s.keyLocation("window").orElseThrow(),
                        Set.of("from_turn", "to_turn"));
                Optional<Integer> from = ws.required("from_turn", n -> f.integer(n, "from_turn", 1, MAX_TURNS));
                Optional<Integer> to = ws.required("to_turn", n -> f.integer(n, "to_turn", 1, MAX_TURNS));
                if (from.isEmpty() || to.isEmpty()) {
                    return Optional.empty();
                }
                if (from.get() > to.get()) {
                    problems.error(ws.optional("from_turn").orElseThrow().location(), "from_turn (" + from.get()
                            + ") is after to_turn (" + to.get() + ")");
                    return Optional.empty();
                }
                if (brief.isPresent() && from.get() > brief.get().maxTurns()) {
                    problems.error(ws.optional("from_turn").orElseThrow().location(), "from_turn (" + from.get()
                            + ") is after the last turn of the call (brief.max_turns: " + brief.get().maxTurns()
                            + ")");
                    return Optional.empty();
                }
                return Optional.of(new int[] {from.get(), to.get()});
            });
            Optional<Condition> ready = s.required("ready_when").flatMap(n -> condition(n, "ready_when"));
            if (window.isEmpty() || ready.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Timing(window.get()[0], window.get()[1], ready.get()));
        });
    }

    private Optional<Script> script(YamlNode node, Location owner) {
        return f.mapping(node, "script").flatMap(m -> {
            Fields.Section s = f.section(m, "script", owner, Set.of("start", "global", "nodes"));
            Optional<String> start = s.required("start", n -> reference(n, "script.start", declared.nodes(),
                    "node"));
            List<Trigger> global = s.optional("global", n -> triggers(n, "script.global")).orElse(List.of());
            Optional<Map<String, Script.Node>> nodes = s.required("nodes", this::nodes);
            if (nodes.isPresent() && declared.nodes().isEmpty()) {
                problems.error(s.keyLocation("nodes").orElseThrow(), "script.nodes needs at least one node");
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
                if (!id.matches(NAME_PATTERN)) {
                    problems.error(e.keyLocation(), "'" + YamlReader.truncate(id, 60) + "' is not a valid node id; "
                            + "expected " + NAME_TEXT);
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
                trigger(item, "a trigger in " + what).ifPresent(out::add);
            }
            return out;
        });
    }

    private Optional<Trigger> trigger(YamlNode node, String what) {
        return f.mapping(node, what).flatMap(m -> {
            Fields.Section s = f.section(m, what, node.location(),
                    Set.of("match", "when", "effects", "say", "goto", "reveal", "once"));
            List<String> match = s.optional("match", n -> references(n, "match", declared.intents(), "intent"))
                    .orElse(List.of());
            Optional<Condition> when = s.optional("when").flatMap(n -> condition(n, "when"));
            Map<String, Effect> effects = s.optional("effects").flatMap(this::effects).orElse(Map.of());
            Optional<List<String>> say = s.required("say", n -> f.lines(n, "say", true));
            Optional<String> gotoNode = s.optional("goto", n -> reference(n, "goto", declared.nodes(), "node"));
            List<String> reveal = s.optional("reveal", n -> references(n, "reveal", declared.facts(), "fact"))
                    .orElse(List.of());
            boolean once = s.optional("once", n -> f.bool(n, "once")).orElse(false);
            if (say.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Trigger(match, when, effects, say.get(), gotoNode, reveal, once,
                    node.location()));
        });
    }

    private Optional<Map<String, Effect>> effects(YamlNode node) {
        return f.mapping(node, "effects").map(m -> {
            Map<String, Effect> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String name = e.key();
                StateVar v = declared.vars().get(name);
                if (v == null) {
                    problems.error(e.keyLocation(), (name.equals("turn") ? "'turn' cannot be changed"
                            : "effect on undeclared variable '" + YamlReader.truncate(name, 60) + "'")
                            + Suggestions.hint(name, declared.vars().keySet()));
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
                        problems.error(s.location(), "'" + v.name() + "' is a bool: set it with \"true\" or "
                                + "\"false\", not a number");
                        return Optional.empty();
                    }
                    return f.integer(s, "the change to '" + v.name() + "'", -VALUE_LIMIT, VALUE_LIMIT)
                            .map(d -> new Effect.Delta(v.name(), d));
                }
                case STRING -> {
                    return compiler.compile(s, ExpressionCompiler.Purpose.VALUE, declared, text, problems)
                            .map(c -> new Effect.Assign(v.name(), c));
                }
                case BOOLEAN -> {
                    if (v.type() != StateVar.Type.BOOL) {
                        problems.error(s.location(), "'" + v.name() + "' is an int: give a change such as +10 or "
                                + "an expression in quotes, not true/false");
                        return Optional.empty();
                    }
                    String literal = Boolean.TRUE.equals(s.value()) ? "true" : "false";
                    return compiler.compile(new YamlNode.Scalar(s.location(), YamlNode.Kind.STRING, literal,
                                    literal, YamlNode.Style.PLAIN), ExpressionCompiler.Purpose.VALUE, declared, text,
                            problems).map(c -> new Effect.Assign(v.name(), c));
                }
                default -> {
                }
            }
        }
        problems.error(value.location(), "expected a change (a number such as +20 or -10) or an expression in "
                + "quotes (\"comfort / 2\") for '" + v.name() + "', found " + value.describe());
        return Optional.empty();
    }

    // ---- llm, endings, rubric ----

    private Optional<LlmPersona> llm(YamlNode node, Location owner) {
        return f.mapping(node, "llm").flatMap(m -> {
            Fields.Section s = f.section(m, "llm", owner, Set.of("background", "personality", "style",
                    "style_examples", "never_say"));
            Optional<String> background = s.required("background", n -> f.line(n, "llm.background"));
            Optional<String> personality = s.required("personality", n -> f.line(n, "llm.personality"));
            Optional<String> style = s.required("style", n -> f.line(n, "llm.style"));
            List<String> examples = s.optional("style_examples", n -> f.strings(n, "llm.style_examples", false))
                    .orElse(List.of());
            List<String> neverSay = s.optional("never_say", n -> f.strings(n, "llm.never_say", false))
                    .orElse(List.of());
            if (background.isEmpty() || personality.isEmpty() || style.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LlmPersona(background.get(), personality.get(), style.get(), examples, neverSay));
        });
    }

    private Optional<Map<String, Ending>> endings(YamlNode node) {
        return f.mapping(node, "endings").flatMap(m -> {
            if (m.entries().isEmpty()) {
                problems.error(node.location(), "endings needs at least one ending");
                return Optional.empty();
            }
            Map<String, Ending> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String id = e.key();
                if (!id.matches(NAME_PATTERN)) {
                    problems.error(e.keyLocation(), "'" + YamlReader.truncate(id, 60) + "' is not a valid ending id; "
                            + "expected " + NAME_TEXT);
                    continue;
                }
                if (RESERVED_ENDINGS.contains(id)) {
                    problems.error(e.keyLocation(), "'" + id + "' is a built-in ending (the call ends that way "
                            + "by itself); choose another id");
                    continue;
                }
                String what = "ending '" + id + "'";
                f.mapping(e.value(), what).ifPresent(em -> {
                    Fields.Section s = f.section(em, what, e.keyLocation(), Set.of("when", "outcome", "description",
                            "say"));
                    Optional<Condition> when = s.required("when").flatMap(n -> condition(n, "when"));
                    Optional<Ending.Outcome> outcome = s.required("outcome", n -> enumValue(n, "outcome",
                            Ending.Outcome.class));
                    String description = s.optional("description", n -> f.string(n, "description")).orElse("");
                    Optional<String> say = s.optional("say", n -> f.line(n, "say"));
                    if (when.isPresent() && outcome.isPresent()) {
                        out.put(id, new Ending(id, when.get(), outcome.get(), description, say, e.keyLocation()));
                    }
                });
            }
            return Optional.of(out);
        });
    }

    private Optional<Rubric> rubric(YamlNode node, Location owner) {
        return f.mapping(node, "rubric").flatMap(m -> {
            Fields.Section s = f.section(m, "rubric", owner, Set.of("weights", "pass"));
            Optional<Map<String, Double>> weights = s.optional("weights").flatMap(n -> f.mapping(n, "rubric.weights"))
                    .flatMap(w -> {
                        Fields.Section ws = f.section(w, "rubric.weights", s.keyLocation("weights").orElseThrow(),
                                Set.copyOf(RUBRIC_DIMENSIONS));
                        Map<String, Double> out = new LinkedHashMap<>();
                        for (String d : RUBRIC_DIMENSIONS) {
                            ws.required(d, n -> f.number(n, "weight of " + d, 0, 1)).ifPresent(x -> out.put(d, x));
                        }
                        if (out.size() != RUBRIC_DIMENSIONS.size()) {
                            return Optional.empty();
                        }
                        double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
                        if (Math.abs(sum - 1.0) > 0.01) {
                            problems.error(w.location(), String.format("rubric weights must add up to 1 (±0.01); "
                                    + "they add up to %.3f", sum));
                            return Optional.empty();
                        }
                        return Optional.of(out);
                    });
            int pass = s.optional("pass", n -> f.integer(n, "rubric.pass", 0, 100)).orElse(Rubric.DEFAULT_PASS);
            if (s.has("weights") && weights.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Rubric(weights.orElse(Rubric.DEFAULT_WEIGHTS), pass));
        });
    }

    // ---- tests ----

    private Optional<List<ScenarioTest>> tests(YamlNode node, Set<String> endingIds) {
        Set<String> endings = new LinkedHashSet<>(endingIds);
        endings.addAll(RESERVED_ENDINGS);
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
                            problems.error(s.optional("name").orElseThrow().location(), "duplicate test name '" + x
                                    + "' (first at line " + first.line() + ")");
                        }
                    });
                    Optional<ScenarioTest.Given> given = s.optional("given").flatMap(n -> given(n,
                            s.keyLocation("given").orElseThrow()));
                    Optional<List<ScenarioTest.TestTurn>> turns = s.required("turns", n -> turns(n, endings));
                    if (turns.isPresent() && turns.get().isEmpty()) {
                        problems.error(s.optional("turns").orElseThrow().location(), "a test needs at least one turn");
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
        return f.mapping(node, "given").map(m -> {
            Fields.Section s = f.section(m, "given", owner, Set.of("node", "state", "revealed"));
            Optional<String> at = s.optional("node", n -> reference(n, "given.node", declared.nodes(), "node"));
            Map<String, Integer> values = s.optional("state").flatMap(n -> f.mapping(n, "given.state")).map(sm -> {
                Map<String, Integer> out = new LinkedHashMap<>();
                for (YamlNode.Entry e : sm.entries().values()) {
                    StateVar v = declared.vars().get(e.key());
                    if (v == null) {
                        problems.error(e.keyLocation(), "undeclared variable '" + YamlReader.truncate(e.key(), 60)
                                + "'" + Suggestions.hint(e.key(), declared.vars().keySet()));
                        continue;
                    }
                    Optional<Integer> value = v.type() == StateVar.Type.BOOL
                            ? f.bool(e.value(), e.key()).map(b -> b ? 1 : 0)
                            : f.integer(e.value(), e.key(), v.min(), v.max());
                    value.ifPresent(x -> out.put(e.key(), x));
                }
                return out;
            }).orElse(Map.of());
            List<String> revealed = s.optional("revealed", n -> references(n, "given.revealed", declared.facts(),
                    "fact")).orElse(List.of());
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
        Set<String> labels = Arrays.stream(MoveLabel.values()).map(MoveLabel::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return f.mapping(node, "expect").map(m -> {
            Fields.Section s = f.section(m, "expect", owner, Set.of("intents", "not_intents", "state", "revealed",
                    "node", "ending", "moves"));
            Optional<List<String>> intents = s.optional("intents", n -> references(n, "intents", declared.intents(),
                    "intent"));
            List<String> notIntents = s.optional("not_intents", n -> references(n, "not_intents",
                    declared.intents(), "intent")).orElse(List.of());
            Map<String, String> state = s.optional("state").flatMap(n -> f.mapping(n, "expect.state")).map(sm -> {
                Map<String, String> out = new LinkedHashMap<>();
                for (YamlNode.Entry e : sm.entries().values()) {
                    if (!declared.vars().containsKey(e.key())) {
                        problems.error(e.keyLocation(), "undeclared variable '" + YamlReader.truncate(e.key(), 60)
                                + "'" + Suggestions.hint(e.key(), declared.vars().keySet()));
                        continue;
                    }
                    expectation(e).ifPresent(x -> out.put(e.key(), x));
                }
                return out;
            }).orElse(Map.of());
            Optional<List<String>> revealed = s.optional("revealed", n -> references(n, "revealed",
                    declared.facts(), "fact"));
            Optional<String> at = s.optional("node", n -> reference(n, "node", declared.nodes(), "node"));
            Optional<String> ending = s.optional("ending", n -> reference(n, "ending", endings, "ending"));
            List<String> moves = s.optional("moves", n -> references(n, "moves", labels, "move label"))
                    .orElse(List.of());
            return new ScenarioTest.Expect(intents, notIntents, state, revealed, at, ending, moves);
        });
    }

    /** A state expectation: "&gt;= 60", "== 1", a bare number or true/false. */
    private Optional<String> expectation(YamlNode.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s) {
            switch (s.kind()) {
                case INTEGER -> {
                    return f.integer(s, e.key(), -VALUE_LIMIT, VALUE_LIMIT).map(v -> "== " + v);
                }
                case BOOLEAN -> {
                    return Optional.of(Boolean.TRUE.equals(s.value()) ? "== 1" : "== 0");
                }
                case STRING -> {
                    if (EXPECTATION.matcher(s.text()).matches()) {
                        return Optional.of(s.text().strip());
                    }
                    problems.error(s.location(), "expected a comparison such as \">= 60\", \"< 50\" or \"== 1\" for "
                            + e.key() + ", found \"" + YamlReader.truncate(s.text(), 40) + "\"");
                    return Optional.empty();
                }
                default -> {
                }
            }
        }
        problems.error(e.value().location(), "expected a comparison such as \">= 60\" for " + e.key() + ", found "
                + e.value().describe());
        return Optional.empty();
    }

    // ---- shared ----

    private Optional<Condition> condition(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.isString()) {
            return compiler.compile(s, ExpressionCompiler.Purpose.CONDITION, declared, text, problems);
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
            problems.error(node.location(), "expected a condition in quotes for " + what + ", found a boolean "
                    + "(write \"" + s.value() + "\" in quotes if you mean it)");
            return Optional.empty();
        }
        problems.error(node.location(), "expected a condition (a string such as \"comfort >= 60\") for " + what
                + ", found " + node.describe());
        return Optional.empty();
    }

    /** One id that must be declared. */
    private Optional<String> reference(YamlNode node, String what, Set<String> known, String kind) {
        return f.string(node, what).flatMap(id -> {
            if (!known.contains(id)) {
                problems.error(node.location(), (kind.equals("move label") ? "unknown " : "undeclared ") + kind
                        + " '" + YamlReader.truncate(id, 60) + "' in " + what + Suggestions.hint(id, known));
                return Optional.empty();
            }
            return Optional.of(id);
        });
    }

    /** An id or a list of ids that must all be declared. */
    private Optional<List<String>> references(YamlNode node, String what, Set<String> known, String kind) {
        if (node instanceof YamlNode.Scalar) {
            return reference(node, what, known, kind).map(List::of);
        }
        return f.list(node, what).map(items -> {
            List<String> out = new ArrayList<>();
            for (YamlNode item : items) {
                reference(item, what, known, kind).ifPresent(out::add);
            }
            return out;
        });
    }

    private <E extends Enum<E>> Optional<E> enumValue(YamlNode node, String what, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return f.string(node, what).flatMap(v -> {
            if (!names.contains(v)) {
                problems.error(node.location(), "unknown " + what + " '" + YamlReader.truncate(v, 40)
                        + "'; expected one of " + String.join(", ", names) + Suggestions.hint(v, names));
                return Optional.empty();
            }
            return Optional.of(Enum.valueOf(type, v));
        });
    }

    private static Set<String> orderedSet(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }
}
