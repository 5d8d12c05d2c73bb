package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the located YAML tree of one file to a {@link Scenario}, reporting every problem on the way (it does
 * not stop at the first). Ids are gathered first, so that an expression may name a node declared further
 * down the file; each section then has its own reader.
 */
final class ScenarioReader {
    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*";
    static final Set<String> RESERVED_ENDINGS = EndingReader.RESERVED_ENDINGS;
    static final List<String> RUBRIC_DIMENSIONS = Rubric.DIMENSIONS;

    static final Set<String> TOP_KEYS = orderedSet("schema", "id", "title", "difficulty", "brief", "persona", "mode",
            "state", "facts", "intents", "classifier_examples", "reactions", "coaching", "timing", "script", "llm", "endings",
            "rubric", "tests");

    private final ReadContext ctx;
    private final Fields f;
    private final Problems problems;
    private final String source;
    /** Where the {@code id:} key was written, for messages about the scenario as a whole. */
    private Location idLocation;

    ScenarioReader(Problems problems, ExpressionCompiler compiler, SourceText text) {
        this.ctx = new ReadContext(problems, compiler, text);
        this.f = ctx.f;
        this.problems = problems;
        this.source = problems.file();
    }

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
        Scenario.Difficulty difficulty = s.optional("difficulty", n -> ctx.enumValue(n, "difficulty",
                Scenario.Difficulty.class)).orElse(Scenario.Difficulty.medium);

        BriefReader briefs = new BriefReader(ctx);
        Optional<Brief> brief = s.required("brief").flatMap(n -> briefs.brief(n, s.keyLocation("brief").orElseThrow()));
        Optional<Persona> persona = s.required("persona").flatMap(n -> briefs.persona(n,
                s.keyLocation("persona").orElseThrow()));
        List<Scenario.Mode> modes = s.optional("mode").flatMap(briefs::modes).orElse(List.of(Scenario.Mode.scripted));

        // Declarations first: expressions anywhere may name any of them.
        StateReader states = new StateReader(ctx);
        Map<String, StateVar> state = s.required("state").flatMap(states::state).orElse(Map.of());
        ctx.declare(new ExpressionCompiler.Declared(state, keys(s.optional("intents")),
                s.optional("facts").map(StateReader::factIds).orElse(Set.of()), nodeIds(s.optional("script"))));

        Optional<Map<String, Intent>> intents = s.required("intents").flatMap(new IntentReader(ctx)::intents);
        StateReader.Facts facts = s.optional("facts").flatMap(states::facts)
                .orElse(new StateReader.Facts(List.of(), Map.of()));
        s.keyLocation("classifier_examples").ifPresent(at -> problems.warning(at, "classifier_examples is no longer "
                + "used and is ignored: the move vocabulary is shared by every scenario and learned from the "
                + "project's corpus (docs/labelling.md); match moves with {move: …} instead"));
        ScriptReader scripts = new ScriptReader(ctx);
        Map<String, List<Trigger>> reactions = s.optional("reactions").flatMap(scripts::reactions).orElse(Map.of());
        Map<String, List<String>> coaching = s.optional("coaching").flatMap(this::coaching).orElse(Map.of());
        Optional<Timing> timing = s.required("timing").flatMap(n -> timing(n, s.keyLocation("timing").orElseThrow(),
                brief));
        Optional<Script> script = s.required("script").flatMap(n -> scripts.script(n,
                s.keyLocation("script").orElseThrow()));
        LlmReader llms = new LlmReader(ctx);
        Optional<LlmPersona> llm = s.optional("llm").flatMap(n -> llms.llm(n, s.keyLocation("llm").orElseThrow()));
        llms.checkLocked(facts.facts(), facts.hints());
        EndingReader closing = new EndingReader(ctx);
        Optional<Map<String, Ending>> endings = s.required("endings").flatMap(closing::endings);
        Rubric rubric = s.optional("rubric").flatMap(n -> closing.rubric(n, s.keyLocation("rubric").orElseThrow()))
                .orElse(Rubric.defaults());
        List<ScenarioTest> tests = s.optional("tests").flatMap(n -> new TestReader(ctx).tests(n,
                keys(s.optional("endings")))).orElse(List.of());

        if (problems.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario(schema.orElseThrow(), id.orElseThrow(), title.orElseThrow(), difficulty,
                brief.orElseThrow(), persona.orElseThrow(), modes, state, facts.facts(), intents.orElseThrow(),
                reactions, coaching, timing.orElseThrow(), script.orElseThrow(), llm, endings.orElseThrow(), rubric, tests,
                source));
    }

    private Optional<Timing> timing(YamlNode node, Location owner, Optional<Brief> brief) {
        return f.mapping(node, "timing").flatMap(m -> {
            Fields.Section s = f.section(m, "timing", owner, Set.of("window", "ready_when", "asks"));
            Optional<int[]> window = s.required("window").flatMap(n -> f.mapping(n, "timing.window")).flatMap(w -> {
                Fields.Section ws = f.section(w, "timing.window", s.keyLocation("window").orElseThrow(),
                        Set.of("from_turn", "to_turn"));
                Optional<Integer> from = ws.required("from_turn", n -> f.integer(n, "from_turn", 1,
                        ReadContext.MAX_TURNS));
                Optional<Integer> to = ws.required("to_turn", n -> f.integer(n, "to_turn", 1, ReadContext.MAX_TURNS));
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
            Optional<Condition> ready = s.required("ready_when").flatMap(n -> ctx.condition(n, "ready_when"));
            List<String> asks = s.optional("asks", n -> ctx.references(n, "timing.asks", ctx.declared().intents(),
                    "intent")).orElse(List.of());
            if (window.isEmpty() || ready.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Timing(window.get()[0], window.get()[1], ready.get(), asks));
        });
    }

    /** {@code coaching:} move label → good lines for this prospect; never a pressure label. */
    private Optional<Map<String, List<String>>> coaching(YamlNode node) {
        Set<String> labels = new LinkedHashSet<>();
        for (MoveLabel l : MoveLabel.values()) {
            if (!l.isPressure() && l != MoveLabel.OTHER) {
                labels.add(l.id());
            }
        }
        return f.mapping(node, "coaching").map(m -> {
            Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                if (!labels.contains(e.key())) {
                    problems.error(e.keyLocation(), "coaching lines are for good moves; '"
                            + YamlReader.truncate(e.key(), 60) + "' is not one" + Suggestions.hint(e.key(), labels));
                    continue;
                }
                f.lines(e.value(), "coaching." + e.key(), false).ifPresent(l -> out.put(e.key(), l));
            }
            return out;
        });
    }

    private static Set<String> keys(Optional<YamlNode> node) {
        return node.filter(n -> n instanceof YamlNode.Mapping).map(n -> ((YamlNode.Mapping) n).entries().keySet())
                .orElse(Set.of());
    }

    private static Set<String> nodeIds(Optional<YamlNode> script) {
        return script.filter(n -> n instanceof YamlNode.Mapping)
                .flatMap(n -> Optional.ofNullable(((YamlNode.Mapping) n).entries().get("nodes")))
                .map(YamlNode.Entry::value).filter(n -> n instanceof YamlNode.Mapping)
                .map(n -> ((YamlNode.Mapping) n).entries().keySet()).orElse(Set.of());
    }

    private static Set<String> orderedSet(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }
}
