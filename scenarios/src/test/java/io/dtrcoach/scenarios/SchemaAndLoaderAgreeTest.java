package io.dtrcoach.scenarios;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the JSON Schema (what editors check while the author types) and the loader (what the product
 * enforces) in step: the same snippets are accepted or rejected by both, and every shipped file passes both.
 */
class SchemaAndLoaderAgreeTest {
    static final Path SCHEMA = Path.of("src/main/resources/scenarios/schema/dtr-scenario-1.json");
    static final Path SHIPPED = Path.of("src/main/resources/scenarios");

    private static final JsonSchema schema = loadSchema();
    private final ScenarioLoader loader = new ScenarioLoader();

    private static JsonSchema loadSchema() {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base() {
        try {
            return Files.readString(Path.of("src/test/resources/corpus/base.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String edit(String fragment, String replacement) {
        String base = base();
        int at = base.indexOf(fragment);
        assertThat(at).as("'%s' in base.yaml", fragment).isGreaterThanOrEqualTo(0);
        assertThat(base.indexOf(fragment, at + 1)).as("'%s' once in base.yaml", fragment).isEqualTo(-1);
        return base.substring(0, at) + replacement + base.substring(at + fragment.length());
    }

    private Set<ValidationMessage> schemaErrors(String yaml) throws IOException {
        return schema.validate(YamlAsJson.read(yaml));
    }

    private LoadResult load(String yaml) {
        return loader.parse("snippet.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("the complete example", base()),
                Arguments.of("no optional sections", edit(base().substring(base().indexOf("llm:"), base().indexOf("endings:")), "")
                        .replace(base().substring(base().indexOf("rubric:")), "")
                        .replace(base().substring(base().indexOf("reactions:"), base().indexOf("timing:")), "")
                        .replace("    llm_hint: \"Priya can now say the board froze spend; she is relieved to say it.\"\n", "")
                        .replace("    description: \"The rep asks what has changed on her side since the pilot.\"\n", "")
                        .replace("difficulty: hard\n", "").replace("mode: [scripted, llm]\n", "")),
                Arguments.of("say as one string", edit("say: [\"Our board froze new spend until Q3.\"]",
                        "say: \"Our board froze new spend until Q3.\"")),
                Arguments.of("match as a list, reveal as one id", edit("reveal: [budget_freeze]", "reveal: budget_freeze")
                        .replace("- match: asks_what_changed\n          reveal", "- match: [asks_what_changed]\n          reveal")),
                Arguments.of("an intent with keywords only", edit("  accepts_no:\n    examples: [\"thanks for being straight with me, let's close this out\"]",
                        "  accepts_no:\n    keywords: [\"close this out\"]")),
                Arguments.of("a boolean state expectation", edit("agenda_agreed: \"== 1\"", "agenda_agreed: \"== true\"")),
                Arguments.of("a move match as a bare mapping, the pressure family", edit(
                        "- match: [{move: pressure.ultimatum}, {move: pressure.false_urgency}]", "- match: {move: pressure}")),
                Arguments.of("one reaction instead of a list of variants", edit(
                        "  rapport:\n    - when: \"comfort >= 70\"\n      say: [\"Ha, it's been good, thanks.\"]\n    - say: [\"Fine, thanks.\"]",
                        "  rapport: {effects: {comfort: +5}, say: [\"Ha, it's been good, thanks.\"], once: true}")),
                Arguments.of("expectations on moves and answers as single names", edit("moves: [open_question], answered: asks_what_changed",
                        "moves: open_question, not_moves: pressure, answered: no_match")),
                Arguments.of("a success on a dated next step", edit("outcome: no\n    success: true", "outcome: next_step\n    success: true")),
                Arguments.of("a block scalar condition", edit("ready_when: \"comfort >= 50 && defensiveness < 40\"",
                        "ready_when: |\n    comfort >= 50 &&\n      defensiveness < 40")));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown top-level key", edit("difficulty: hard", "difficulty: hard\ndificulty: easy")),
                Arguments.of("unknown key in brief", edit("  max_turns: 14", "  max_turns: 14\n  budget: 3")),
                Arguments.of("unknown key in a trigger", edit("goto: opening_up", "goto_node: opening_up")),
                Arguments.of("wrong type: integer as string", edit("max_turns: 14", "max_turns: \"14\"")),
                Arguments.of("wrong type: boolean as integer", edit("scoped: true", "scoped: 1")),
                Arguments.of("wrong type: list as effect", edit("effects: {defensiveness: +20, comfort: -10}",
                        "effects: {defensiveness: [20], comfort: -10}")),
                Arguments.of("wrong type: title as list", edit("title: The quick catch-up that is really a decision",
                        "title: [The quick catch-up]")),
                Arguments.of("missing required top-level key", edit("title: The quick catch-up that is really a decision\n", "")),
                Arguments.of("missing required nested key", edit("  objective: \"Leave with a yes, a clean no, or a dated next step.\"\n", "")),
                Arguments.of("missing say in a trigger", edit("          say: [\"Honestly? Thanks for saying that.\"]\n", "")),
                Arguments.of("missing reveal_when", edit("    reveal_when: \"comfort >= 60 && matched('asks_what_changed')\"\n", "")),
                Arguments.of("bad schema version", edit("schema: dtr-scenario/1", "schema: dtr-scenario/2")),
                Arguments.of("bad enum: difficulty", edit("difficulty: hard", "difficulty: extreme")),
                Arguments.of("bad enum: outcome", edit("outcome: shut_down", "outcome: slammed_door")),
                Arguments.of("bad enum: mode", edit("mode: [scripted, llm]", "mode: [scripted, robot]")),
                Arguments.of("bad enum: state type", edit("agenda_agreed: {type: bool, start: false}",
                        "agenda_agreed: {type: boolean, start: false}")),
                Arguments.of("unknown move in a match", edit("- match: {move: permission_no}", "- match: {move: permission_yes}")),
                Arguments.of("a shared move matched as a bare name", edit("- match: {move: permission_no}", "- match: permission_no")),
                Arguments.of("unknown key in a move match", edit("- match: {move: permission_no}", "- match: {move: permission_no, weight: 2}")),
                Arguments.of("unknown move in reactions", edit("  rapport:\n    - when", "  small_talk:\n    - when")),
                Arguments.of("match in a reaction", edit("  pressure:\n    effects: {defensiveness: +15}",
                        "  pressure:\n    match: asks_what_changed\n    effects: {defensiveness: +15}")),
                Arguments.of("reaction without say", edit("    say: [\"Hm. That's a lot of push.\"]\n", "")),
                Arguments.of("coaching for a pressure move", edit("  permission_no: [\"no hard feelings if this is a no\"]",
                        "  pressure.guilt: [\"no hard feelings if this is a no\"]")),
                Arguments.of("coaching without lines", edit("  permission_no: [\"no hard feelings if this is a no\"]", "  permission_no: []")),
                Arguments.of("intent redefining a shared move", edit("  accepts_no:\n", "  pitches:\n    examples: [\"let me show you the dashboard\"]\n  accepts_no:\n")),
                Arguments.of("intent redefining pressure", edit("  accepts_no:\n", "  pressure_deadline:\n    examples: [\"sign by friday\"]\n  accepts_no:\n")),
                Arguments.of("success on an ending that is no clear answer", edit("outcome: shut_down, description",
                        "outcome: shut_down, success: true, description")),
                Arguments.of("success not a boolean", edit("    success: true", "    success: \"yes\"")),
                Arguments.of("empty llm_hint", edit("llm_hint: \"Priya can now say the board froze spend; she is relieved to say it.\"", "llm_hint: \"\"")),
                Arguments.of("bad move label in not_moves", edit("not_moves: [permission_no]", "not_moves: [permission_yes]")),
                Arguments.of("bad move label as answered", edit("answered: permission_no", "answered: pressure.nagging")),
                Arguments.of("bad id pattern: scenario", edit("id: northwind-catch-up", "id: Northwind_Catch_Up")),
                Arguments.of("bad id pattern: variable", edit("  comfort:       {", "  Comfort:       {")),
                Arguments.of("bad id pattern: intent", edit("  asks_what_changed:\n", "  asks-what-changed:\n")),
                Arguments.of("reserved variable name", edit("  comfort:       {", "  turn:       {")),
                Arguments.of("reserved ending id", edit("  shut_down: {", "  turn_limit: {")),
                Arguments.of("out of range: max_turns", edit("max_turns: 14", "max_turns: 61")),
                Arguments.of("out of range: threshold", edit("threshold: 0.75", "threshold: 1.5")),
                Arguments.of("out of range: pass mark", edit("pass: 75", "pass: 101")),
                Arguments.of("out of range: window", edit("from_turn: 2", "from_turn: 0")),
                Arguments.of("min on a bool", edit("agenda_agreed: {type: bool, start: false}",
                        "agenda_agreed: {type: bool, min: 0, start: false}")),
                Arguments.of("int without start", edit("defensiveness: {type: int, min: 0, max: 100, start: 20}",
                        "defensiveness: {type: int, min: 0, max: 100}")),
                Arguments.of("no openers", edit("openers: [\"Hi! Sorry, it's been a week.\", \"Hey, thanks for being flexible on time.\"]",
                        "openers: []")),
                Arguments.of("empty no_match", edit("no_match: [\"Mm-hm.\"]", "no_match: []")),
                Arguments.of("intent with neither examples nor keywords", edit("  accepts_no:\n    examples: [\"thanks for being straight with me, let's close this out\"]",
                        "  accepts_no:\n    threshold: 0.8")),
                Arguments.of("rubric weight missing", edit("listening: 0.1, ", "")),
                Arguments.of("test without turns", edit("    given: {node: opening_up", "    turns: []\n    given: {node: opening_up")
                        .replace("    turns:\n      - rep: \"Can you just sign by Friday?\"\n        expect: {state: {defensiveness: 40}, not_intents: [accepts_no], not_moves: [permission_no], ending: turn_limit}\n", "")),
                Arguments.of("bad state expectation", edit("comfort: \">= 60\"", "comfort: \"about 60\"")),
                Arguments.of("bad move label in expect", edit("moves: [open_question]", "moves: [open_questions]")),
                Arguments.of("empty expression", edit("when: \"defensiveness < 60\"", "when: \"  \"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void should_be_accepted_by_both_schema_and_loader(String name, String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as("schema errors").isEmpty();
        assertThat(load(yaml).errors()).as("loader errors").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void should_be_rejected_by_both_schema_and_loader(String name, String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as("schema errors").isNotEmpty();
        assertThat(load(yaml).errors()).as("loader errors").isNotEmpty();
    }

    @Test
    void should_reject_in_the_schema_and_warn_in_the_loader_about_the_removed_classifier_examples() throws IOException {
        String yaml = edit("coaching:\n", "classifier_examples:\n  permission_no: [\"no hard feelings if this is a no\"]\ncoaching:\n");

        assertThat(schemaErrors(yaml)).as("schema errors").isNotEmpty();
        LoadResult result = load(yaml);
        assertThat(result.errors()).as("loader errors").isEmpty();
        assertThat(result.problems()).as("loader warnings").anySatisfy(p ->
                assertThat(p.message()).contains("classifier_examples is no longer used"));
    }

    @Test
    void should_pass_both_schema_and_loader_for_every_shipped_scenario() throws IOException {
        List<String> failures = new java.util.ArrayList<>();
        for (Path file : ShippedIndexTest.shippedFiles()) {
            String yaml = Files.readString(file);
            schemaErrors(yaml).forEach(m -> failures.add(file + ": schema: " + m.getMessage()));
            loader.load(file).errors().forEach(p -> failures.add(file + ": loader: " + p));
        }
        assertThat(failures).as("schema and loader errors of the shipped files").isEmpty();
    }

    @Test
    void should_be_a_draft_2020_12_schema_that_forbids_unknown_keys_everywhere() throws IOException {
        String text = Files.readString(SCHEMA);
        assertThat(text).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
        List<String> objectsWithoutClosure = new java.util.ArrayList<>();
        collectOpenObjects(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text), "$", objectsWithoutClosure);
        assertThat(objectsWithoutClosure).isEmpty();
    }

    /** Every schema with "properties" must also say "additionalProperties". */
    private static void collectOpenObjects(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            if (node.has("properties") && node.get("properties").isObject() && !node.has("additionalProperties")
                    && !path.contains("anyOf")) {
                out.add(path);
            }
            node.fields().forEachRemaining(e -> collectOpenObjects(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectOpenObjects(node.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
