package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Whatever the bytes, loading gives located problems, quickly, and never an exception. */
class HostileInputTest {
    /** A hang guard, not a benchmark. */
    private static final Duration GUARD = Duration.ofSeconds(5);

    private final ScenarioLoader loader = new ScenarioLoader();

    private LoadResult parse(byte[] content) {
        return assertTimeoutPreemptively(GUARD, () -> loader.parse("evil.yaml", content));
    }

    private LoadResult parse(String content) {
        return parse(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_refuse_a_file_over_one_mebibyte_before_parsing_it() {
        byte[] big = ("title: " + "x".repeat(ScenarioLoader.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);

        LoadResult result = parse(big);

        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 1, 1));
            assertThat(p.message()).isEqualTo("the file is " + big.length
                    + " bytes; a scenario file may be at most 1 MiB (1048576 bytes)");
        });
    }

    @Test
    void should_refuse_a_file_on_disk_over_one_mebibyte_without_reading_it(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[ScenarioLoader.MAX_BYTES + 10]);

        LoadResult result = assertTimeoutPreemptively(GUARD, () -> loader.load(file));

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location(file.toString(), 1, 1));
            assertThat(p.message()).startsWith("the file is 1048586 bytes; a scenario file may be at most 1 MiB");
        });
    }

    @Test
    void should_stop_a_billion_laughs_alias_bomb_at_the_first_alias() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
        }

        LoadResult result = parse(yaml.toString());

        assertThat(result.scenario()).isEmpty();
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 2, 8));
            assertThat(p.message()).isEqualTo("YAML aliases (*a) are not allowed in scenario files; write the value "
                    + "out in full");
        });
        assertThat(result.errors()).noneMatch(p -> p.message().contains("aliases") && p.location().line() > 2);
    }

    @Test
    void should_refuse_flow_nesting_ten_thousand_deep_at_the_65th_level() {
        LoadResult result = parse("a: " + "[".repeat(10_000) + "]".repeat(10_000));

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.location().column()).isEqualTo(4 + 63);
            assertThat(p.message()).isEqualTo("nesting deeper than 64 levels is not allowed");
        });
    }

    @Test
    void should_refuse_block_nesting_a_thousand_deep() {
        // (ten thousand levels of block indentation would be 50 MB, refused by size before nesting)
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            yaml.append(" ".repeat(i)).append("k:\n");
        }

        LoadResult result = parse(yaml.toString());

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(65);
            assertThat(p.message()).isEqualTo("nesting deeper than 64 levels is not allowed");
        });
    }

    @Test
    void should_report_random_binary_as_not_utf8_with_a_location() {
        byte[] junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);

        LoadResult result = parse(junk);

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isPositive();
            assertThat(p.location().column()).isPositive();
            assertThat(p.message()).startsWith("not UTF-8 text: invalid byte 0x");
        });
    }

    @Test
    void should_locate_an_invalid_utf8_byte() {
        byte[] content = "schema: dtr-scenario/1\nid: caf\u00e9\ntitle: x\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        LoadResult result = parse(content);

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 2, 8));
            assertThat(p.message()).isEqualTo("not UTF-8 text: invalid byte 0xE9 at byte offset 30 (is this a "
                    + "binary file?)");
        });
    }

    @Test
    void should_locate_a_nul_byte() {
        LoadResult result = parse("schema: dtr-scenario/1\ntitle: a\u0000b\n");

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 2, 9));
            assertThat(p.message()).isEqualTo("control character U+0000 is not allowed; a scenario file must be "
                    + "plain UTF-8 text");
        });
    }

    @Test
    void should_report_an_empty_file() {
        LoadResult result = parse(new byte[0]);

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 1, 1));
            assertThat(p.message()).startsWith("the file is empty");
        });
    }

    @Test
    void should_report_a_second_yaml_document() {
        LoadResult result = parse(MinimalScenario.TEXT + "---\nid: again\n");

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(MinimalScenario.TEXT.split("\n", -1).length + 1);
            assertThat(p.message()).startsWith("a scenario file holds exactly one YAML document");
        });
    }

    @Test
    void should_report_a_top_level_list() {
        LoadResult result = parse("- a\n- b\n");

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 1, 1));
            assertThat(p.message()).startsWith("expected a scenario: a mapping of keys");
        });
    }

    @Test
    void should_cap_the_number_of_problems_for_a_file_of_nonsense_keys() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            yaml.append("junk").append(i).append(": ").append(i).append('\n');
        }

        LoadResult result = parse(yaml.toString());

        assertThat(result.problems()).hasSize(Problems.MAX + 1);
        assertThat(result.problems()).anyMatch(p -> p.message().startsWith("stopped after 200 problems"));
    }

    @Test
    void should_refuse_an_expression_with_parentheses_nested_too_deep() {
        String deep = "(".repeat(5_000) + "comfort > 1" + ")".repeat(5_000);
        LoadResult result = parse(MinimalScenario.with("ready_when: \"comfort >= 50\"", "ready_when: \"" + deep + "\""));

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 18, 58));
            assertThat(p.message()).isEqualTo("expression is 10011 characters long; at most 2000 are allowed");
        });
        String fewer = "(".repeat(40) + "comfort > 1" + ")".repeat(40);
        LoadResult nested = parse(MinimalScenario.with("ready_when: \"comfort >= 50\"", "ready_when: \"" + fewer + "\""));
        assertThat(nested.errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 18, 91));
            assertThat(p.message()).isEqualTo("parentheses nested deeper than 32 levels");
        });
    }

    @Test
    void should_survive_a_very_long_unknown_key() {
        LoadResult result = parse("k" + "x".repeat(1_000) + ": 1\n");

        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.location()).isEqualTo(new Location("evil.yaml", 1, 1));
            assertThat(p.message()).startsWith("unknown key 'kxxxx").endsWith("…' in the scenario");
        });
    }

    @Test
    void should_never_throw_on_mutations_of_a_valid_file() {
        byte[] base = MinimalScenario.TEXT.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int round = 0; round < 300; round++) {
                byte[] mutated = base.clone();
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    byte[] alphabet = ":-[]{}'\"&*!|>#% \n\tab1".getBytes(StandardCharsets.UTF_8);
                    mutated[random.nextInt(mutated.length)] = alphabet[random.nextInt(alphabet.length)];
                }
                LoadResult result = loader.parse("fuzz.yaml", mutated);
                assertThat(result.scenario().isPresent() || result.hasErrors()).isTrue();
                assertThat(result.problems()).allSatisfy(p -> assertThat(p.location().line()).isPositive());
            }
        });
    }
}
