package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.conversation.ConversationEnded;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded mutations of the shipped scenarios: byte flips, truncations, type swaps, huge strings, deep nesting,
 * alias bombs, random unicode, duplicate keys. Every outcome is a loaded scenario or located errors, quickly,
 * never an exception and never the loader's own "internal error" fallback. Mutants that still load drive the real
 * engine for a few turns. {@code -Ddtr.fuzz.scale=N} multiplies the number of mutants (CI runs scale 1).
 */
class LoaderFuzzTest {
    /** A hang guard, not a benchmark: generous because CI machines are shared. */
    private static final Duration GUARD = Duration.ofSeconds(20);
    private static final int SCALE = Integer.getInteger("dtr.fuzz.scale", 1);
    private static final int MUTANTS_PER_FILE = 300 * SCALE;
    private static final Path SHIPPED = Path.of("../scenarios/src/main/resources/scenarios");
    private static final List<String> REP_LINES = List.of(
            "Honestly, it's completely fine if this isn't a priority any more.",
            "What has changed on your side since the demos?",
            "Can you sign by Friday? The discount ends this week.",
            "Who else would be involved in a decision like this?",
            "<script>alert(1)</script>\u0000\u202e",
            "");
    private static final MoveClassifier OTHER = text -> List.of(new Move("other", 1.0));

    private static List<Path> files;
    private static IntentMatcher matcher;

    private final ScenarioLoader loader = new ScenarioLoader();

    @BeforeAll
    static void shipped() throws IOException {
        try (Stream<Path> s = Files.list(SHIPPED)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("shipped scenarios under " + SHIPPED.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(3);
        matcher = new IntentMatcher(TextEmbedder.create());
    }

    private record Mutation(String name, BiFunction<String, Random, String> apply) {
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("byte flips", null),
            new Mutation("truncation", (t, r) -> t.substring(0, r.nextInt(t.length()))),
            new Mutation("type swap", LoaderFuzzTest::typeSwap),
            new Mutation("huge string", (t, r) -> replaceValue(t, r, "\"" + "x".repeat(r.nextBoolean() ? 200_000 : 2_000_000) + "\"")),
            new Mutation("deep flow nesting", (t, r) -> {
                int d = 1 + r.nextInt(r.nextBoolean() ? 80 : 20_000);
                return replaceValue(t, r, "[".repeat(d) + "1" + "]".repeat(r.nextInt(d + 1)));
            }),
            new Mutation("deep block nesting", LoaderFuzzTest::deepBlock),
            new Mutation("alias bomb", LoaderFuzzTest::aliasBomb),
            new Mutation("anchor and alias", (t, r) -> replaceValue(replaceValue(t, r, "&a " + "value"), r, "*a")),
            new Mutation("random unicode", LoaderFuzzTest::randomUnicode),
            new Mutation("duplicate key", LoaderFuzzTest::duplicateLine),
            new Mutation("line shuffle", LoaderFuzzTest::swapLines),
            new Mutation("indentation", LoaderFuzzTest::reindent),
            new Mutation("yaml syntax", LoaderFuzzTest::yamlSyntax),
            new Mutation("expression junk", LoaderFuzzTest::expressionJunk));

    @Test
    void should_load_or_locate_errors_for_every_mutation_of_every_shipped_scenario() throws IOException {
        Random random = new Random(20261127L);
        int loaded = 0;
        int refused = 0;
        int[] perMutation = new int[MUTATIONS.size()];
        List<Scenario> loadable = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                int which = random.nextInt(MUTATIONS.size());
                long seed = random.nextLong();
                Random r = new Random(seed);
                byte[] mutant = which == 0 ? flipBytes(bytes, r)
                        : MUTATIONS.get(which).apply().apply(text, r).getBytes(StandardCharsets.UTF_8);
                if (r.nextInt(5) == 0) { // stack a second mutation now and then
                    int second = 1 + r.nextInt(MUTATIONS.size() - 1);
                    mutant = MUTATIONS.get(second).apply().apply(new String(mutant, StandardCharsets.UTF_8), r)
                            .getBytes(StandardCharsets.UTF_8);
                }
                String name = file.getFileName() + "#" + MUTATIONS.get(which).name() + "#" + Long.toHexString(seed);
                byte[] input = mutant;
                LoadResult result = assertTimeoutPreemptively(GUARD, () -> loader.parse(name, input), name);
                assertOutcome(name, input, result);
                perMutation[which]++;
                if (result.scenario().isPresent()) {
                    loaded++;
                    if (loadable.size() < 40 * SCALE) {
                        loadable.add(result.scenario().get());
                    }
                } else {
                    refused++;
                }
            }
        }
        assertThat(loaded + refused).isEqualTo(files.size() * MUTANTS_PER_FILE);
        assertThat(refused).as("most mutants are broken").isGreaterThan(files.size() * MUTANTS_PER_FILE / 3);
        assertThat(loaded).as("some mutants still load (unicode in text, duplicated comments…)").isPositive();
        assertThat(Arrays.stream(perMutation).min().orElse(0)).as("every kind of mutation ran").isPositive();
        for (Scenario scenario : loadable) {
            playAFewTurns(scenario);
        }
    }

    @Test
    void should_load_every_shipped_scenario_unmutated() throws IOException {
        for (Path file : files) {
            LoadResult result = loader.parse(file.getFileName().toString(), Files.readAllBytes(file));
            assertThat(result.errors()).as(file.toString()).isEmpty();
            playAFewTurns(result.orThrow());
        }
    }

    private static void assertOutcome(String name, byte[] input, LoadResult result) {
        int lines = 1;
        for (byte b : input) {
            if (b == '\n' || b == '\r') {
                lines++;
            }
        }
        int maxLine = lines;
        assertThat(result.scenario().isPresent()).as(name).isNotEqualTo(result.hasErrors());
        assertThat(result.problems()).as(name).allSatisfy(p -> {
            assertThat(p.location().file()).isEqualTo(name);
            assertThat(p.location().line()).isBetween(1, maxLine);
            assertThat(p.location().column()).isPositive();
            assertThat(p.message()).isNotBlank().doesNotStartWith("internal error")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        });
    }

    /** A few turns through the real engine: replies and state, or a typed domain exception, never anything else. */
    private static void playAFewTurns(Scenario scenario) {
        assertTimeoutPreemptively(GUARD, () -> {
            Engine engine = new Engine(scenario, matcher, OTHER);
            ProspectState state = engine.start(scenario.id().hashCode());
            assertThat(engine.opening(state)).isNotNull();
            for (String line : REP_LINES) {
                if (state.ended()) {
                    ProspectState ended = state;
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.step(ended, line))
                            .isInstanceOf(ConversationEnded.class);
                    break;
                }
                Step step;
                try {
                    step = engine.step(state, line);
                } catch (ExpressionFailed e) {
                    // typed and located: a condition that compiles but cannot be evaluated (1/0)
                    assertThat(e.location().line()).as(e.getMessage()).isPositive();
                    return;
                }
                assertThat(step.turn().prospect()).as(scenario.id()).isNotNull();
                assertThat(step.after().turn()).isEqualTo(state.turn() + 1);
                step.after().vars().forEach((var, value) -> {
                    StateVar v = scenario.state().get(var);
                    assertThat(value).as(var).isBetween(v.min(), v.max());
                });
                state = step.after();
            }
            engine.endByRep(state);
        }, scenario.id());
    }

    // --- mutations -------------------------------------------------------------------------------------------

    private static byte[] flipBytes(byte[] base, Random r) {
        byte[] out = base.clone();
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(out.length);
            out[at] = switch (r.nextInt(3)) {
                case 0 -> (byte) (out[at] ^ (1 << r.nextInt(8)));
                case 1 -> (byte) r.nextInt(256);
                default -> (byte) ":-[]{}'\"&*!|>#%@` \n\t\r,?".charAt(r.nextInt(22));
            };
        }
        return out;
    }

    private static String[] lines(String t) {
        return t.split("\n", -1);
    }

    /** A random line holding {@code key: value} (or {@code - value}), or -1. */
    private static int valueLine(String[] lines, Random r) {
        for (int tries = 0; tries < 50; tries++) {
            int i = r.nextInt(lines.length);
            String l = lines[i].strip();
            if (!l.startsWith("#") && (l.contains(": ") || l.endsWith(":") || l.startsWith("- "))) {
                return i;
            }
        }
        return -1;
    }

    private static String replaceValue(String t, Random r, String value) {
        String[] lines = lines(t);
        int i = valueLine(lines, r);
        if (i < 0) {
            return t;
        }
        String l = lines[i];
        int colon = l.indexOf(": ");
        if (colon >= 0) {
            lines[i] = l.substring(0, colon + 2) + value;
        } else if (l.stripTrailing().endsWith(":")) {
            lines[i] = l.stripTrailing() + " " + value;
        } else {
            lines[i] = l.substring(0, l.indexOf("- ") + 2) + value;
        }
        return String.join("\n", lines);
    }

    private static String typeSwap(String t, Random r) {
        String[] lines = lines(t);
        int i = valueLine(lines, r);
        if (i < 0) {
            return t;
        }
        String[] replacements = {"[a, b, 3]", "{x: 1, y: [2]}", "~", "null", "true", "-17", "3.5e300", "0x1F",
                "''", "[]", "{}", "\"\"", "2026-11-27", "!!binary aGVsbG8=", "!!map {}", "? complex key", "|\n  block",
                "99999999999999999999999"};
        String swapped = replacements[r.nextInt(replacements.length)];
        String l = lines[i];
        if (l.stripTrailing().endsWith(":")) {
            // a block mapping or list follows: make it a scalar and drop its body's first line
            lines[i] = l.stripTrailing() + " " + swapped;
        } else {
            int colon = l.indexOf(": ");
            lines[i] = colon >= 0 ? l.substring(0, colon + 2) + swapped : l.substring(0, l.indexOf("- ") + 2) + swapped;
        }
        return String.join("\n", lines);
    }

    private static String deepBlock(String t, Random r) {
        int depth = 10 + r.nextInt(200);
        StringBuilder b = new StringBuilder("\nextra:\n");
        for (int d = 1; d <= depth; d++) {
            b.append("  ".repeat(d)).append(r.nextBoolean() ? "k:\n" : "- \n");
        }
        return t + b;
    }

    private static String aliasBomb(String t, Random r) {
        StringBuilder b = new StringBuilder("\nlol0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        int levels = 3 + r.nextInt(8);
        for (int l = 1; l <= levels; l++) {
            b.append("lol").append(l).append(": &l").append(l).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ",").append("*l").append(l - 1);
            }
            b.append("]\n");
        }
        String bomb = b.toString();
        return r.nextBoolean() ? t + bomb : bomb + t;
    }

    private static String randomUnicode(String t, Random r) {
        StringBuilder b = new StringBuilder(t);
        int edits = 1 + r.nextInt(10);
        int[] specials = {0x0000, 0x0007, 0x001B, 0x007F, 0x0085, 0x00A0, 0x2028, 0x2029, 0x202E, 0x200B, 0xFEFF,
                0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF, 0xD800, 0x0301, 0x05D0, 0x4E2D};
        for (int e = 0; e < edits; e++) {
            int cp = r.nextBoolean() ? specials[r.nextInt(specials.length)] : r.nextInt(0x10FFFF + 1);
            String s = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "?";
            b.insert(r.nextInt(b.length() + 1), s.repeat(1 + r.nextInt(3)));
        }
        return b.toString();
    }

    private static String duplicateLine(String t, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(lines(t)));
        int i = valueLine(lines.toArray(String[]::new), r);
        if (i < 0) {
            return t;
        }
        lines.add(i + (r.nextBoolean() ? 1 : 0), lines.get(i));
        return String.join("\n", lines);
    }

    private static String swapLines(String t, Random r) {
        String[] lines = lines(t);
        int a = r.nextInt(lines.length);
        int b = r.nextInt(lines.length);
        String tmp = lines[a];
        lines[a] = lines[b];
        lines[b] = tmp;
        if (r.nextBoolean()) {
            lines[r.nextInt(lines.length)] = "";
        }
        return String.join("\n", lines);
    }

    private static String reindent(String t, Random r) {
        String[] lines = lines(t);
        int i = r.nextInt(lines.length);
        lines[i] = switch (r.nextInt(3)) {
            case 0 -> "\t" + lines[i];
            case 1 -> " ".repeat(1 + r.nextInt(7)) + lines[i];
            default -> lines[i].stripLeading();
        };
        return String.join("\n", lines);
    }

    private static String yamlSyntax(String t, Random r) {
        String[] junk = {"%YAML 1.1\n", "--- !custom\n", "...\n", "!!python/object:os.system [ls]\n", "? [a]\n: b\n",
                "<<: {merge: 1}\n", "key: 'unterminated\n", "key: \"bad \\q escape\"\n", "&anchor\n", "*nope\n",
                "{[{[\n", "- - - -\n", "---\n---\n", "\ufeff", "key: |-\n\tTab\n", "x: !!float NaN\n"};
        StringBuilder b = new StringBuilder(t);
        int at = r.nextBoolean() ? 0 : t.lastIndexOf('\n', r.nextInt(t.length())) + 1;
        b.insert(at, junk[r.nextInt(junk.length)]);
        return b.toString();
    }

    private static String expressionJunk(String t, Random r) {
        String[] exprs = {"\"comfort >>= 5\"", "\"new java.io.File('/etc/passwd').delete()\"",
                "\"''.getClass().forName('java.lang.Runtime')\"", "\"while (true) {}\"", "\"" + "comfort + ".repeat(500) + "1\"",
                "\"revealed(revealed(revealed('x')))\"", "\"1/0 > 0\"", "\"undefined_var > 3\"", "\"comfort = 5\"",
                "\"matched()\"", "\"" + "(".repeat(33) + "1" + ")".repeat(33) + "\"", "\"var x = 1; x > 0\"",
                "\"comfort > 50 &&\"", "\"\\u0000\""};
        String[] lines = lines(t);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("when:") || l.startsWith("ready_when:") || l.startsWith("if:") || l.startsWith("reveal_when:")
                    || l.startsWith("condition:")) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return replaceValue(t, r, exprs[r.nextInt(exprs.length)]);
        }
        int i = candidates.get(r.nextInt(candidates.size()));
        lines[i] = lines[i].substring(0, lines[i].indexOf(':') + 1) + " " + exprs[r.nextInt(exprs.length)];
        return String.join("\n", lines);
    }
}
