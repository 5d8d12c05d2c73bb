package io.dtrcoach.server.config;

import io.dtrcoach.server.cli.ServeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The admins' configuration table is the one place a setting is documented, so it must say what the loader does:
 * every key of {@link ConfigLoader#DEFAULTS} has a row with its default, environment variable and flag, and no row
 * names a setting that does not exist.
 */
class ConfigurationDocTest {
    static final Path DOC = Path.of("../docs/admins/configuration.md");
    static final Path SOURCES = Path.of("src/main/java");
    /** Documents whose {@code yaml} blocks are config files. */
    static final List<Path> CONFIG_EXAMPLES = List.of(DOC, Path.of("../docs/admins/llm-personas.md"));

    private static final Pattern CODE = Pattern.compile("^`([^`]*)`");
    private static final Set<String> NOT_SETTINGS = Set.of("--config");

    /** One row of a markdown table: its line number in the file and its cells, stripped. */
    record Row(int line, List<String> cells) {
        String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }

        String where() {
            return DOC + ":" + line;
        }
    }

    @Test
    void every_setting_of_the_loader_has_a_row_with_its_default_environment_variable_and_flag() throws IOException {
        Map<String, Row> rows = settings();
        List<String> problems = new ArrayList<>();
        ConfigLoader.DEFAULTS.forEach((key, fallback) -> {
            Row row = rows.get(key);
            if (row == null) {
                problems.add("ConfigLoader knows '" + key + "' (default '" + fallback + "') but " + DOC
                        + " has no row for it under '## Settings'");
                return;
            }
            String env = code(row.cell(1)).orElse(row.cell(1));
            if (!env.equals(ConfigLoader.envName(key))) {
                problems.add(row.where() + ": '" + key + "' is read from " + ConfigLoader.envName(key)
                        + ", the table says '" + row.cell(1) + "'");
            }
            Optional<String> documented = documentedDefault(row.cell(3));
            if (documented.isEmpty()) {
                problems.add(row.where() + ": the default of '" + key + "' must start with `value`, or be *(…)* "
                        + "for an empty default; it is '" + row.cell(3) + "'");
            } else if (!documented.get().equals(fallback)) {
                problems.add(row.where() + ": the table gives '" + key + "' the default '" + documented.get()
                        + "', ConfigLoader's is '" + fallback + "'"
                        + (fallback.isEmpty() ? " (empty: write *(…)* saying what empty means)" : ""));
            }
        });
        assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
    }

    @Test
    void no_row_names_a_setting_the_loader_does_not_know() throws IOException {
        List<String> unknown = settings().entrySet().stream()
                .filter(e -> !ConfigLoader.DEFAULTS.containsKey(e.getKey()))
                .map(e -> e.getValue().where() + ": '" + e.getKey() + "' is not a setting of ConfigLoader (known: "
                        + String.join(", ", ConfigLoader.DEFAULTS.keySet()) + ")")
                .toList();
        assertThat(unknown).withFailMessage("%s", String.join("\n", unknown)).isEmpty();
    }

    @Test
    void the_flags_in_the_table_are_exactly_the_serve_command_options_named_after_their_keys() throws IOException {
        Set<String> options = new CommandLine(new ServeCommand()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionSpec::longestName)
                .filter(name -> !NOT_SETTINGS.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        settings().forEach((key, row) -> {
            Optional<String> flag = code(row.cell(2));
            if (flag.isEmpty()) {
                if (!row.cell(2).isEmpty()) {
                    problems.add(row.where() + ": the flag of '" + key + "' must be `--name` or empty, not '"
                            + row.cell(2) + "'");
                }
                return;
            }
            documented.add(flag.get());
            String expected = "--" + key.replace('.', '-');
            if (!flag.get().equals(expected)) {
                problems.add(row.where() + ": the flag of '" + key + "' is " + expected + ", the table says "
                        + flag.get());
            }
            if (!options.contains(flag.get())) {
                problems.add(row.where() + ": " + flag.get() + " is not an option of 'serve' (its options: "
                        + options + ")");
            }
        });
        options.stream().filter(o -> !documented.contains(o)).forEach(o -> problems.add(
                "'serve' takes " + o + " but no row of " + DOC + " names it as a setting's flag"));
        assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
    }

    @Test
    void every_environment_only_variable_is_read_by_the_server() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(ConfigurationDocTest::read)
                    .collect(Collectors.joining("\n"));
        }
        List<Row> rows = table(Files.readAllLines(DOC, StandardCharsets.UTF_8), "## Environment only");
        assertThat(rows).as("%s has no table under '## Environment only'", DOC).isNotEmpty();
        List<String> unread = rows.stream()
                .filter(r -> code(r.cell(0)).filter(v -> sources.contains("\"" + v + "\"")).isEmpty())
                .map(r -> r.where() + ": " + code(r.cell(0)).orElse(r.cell(0)) + " is not read anywhere in server/" + SOURCES
                        + " (no string literal names it)")
                .toList();
        assertThat(unread).withFailMessage("%s", String.join("\n", unread)).isEmpty();
    }

    @Test
    void the_config_file_examples_load(@TempDir Path dir) throws IOException {
        int examples = 0;
        for (Path doc : CONFIG_EXAMPLES) {
            List<String> blocks = yamlBlocks(Files.readString(doc, StandardCharsets.UTF_8));
            for (int i = 0; i < blocks.size(); i++) {
                Path file = Files.writeString(dir.resolve("example-" + examples++ + ".yaml"), blocks.get(i));
                String which = doc + ", yaml block " + (i + 1) + ":\n" + blocks.get(i);
                assertThatCode(() -> new ConfigLoader(Map.of()).load(Optional.of(file), Map.of()))
                        .as(which).doesNotThrowAnyException();
            }
        }
        assertThat(examples).as("config file examples found in %s", CONFIG_EXAMPLES).isPositive();
    }

    /** The settings table, by key. */
    private static Map<String, Row> settings() throws IOException {
        List<Row> rows = table(Files.readAllLines(DOC, StandardCharsets.UTF_8), "## Settings");
        assertThat(rows).as("%s has no table under '## Settings'", DOC).isNotEmpty();
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            String key = code(row.cell(0)).orElse(row.cell(0));
            Row earlier = byKey.put(key, row);
            assertThat(earlier).as("%s: '%s' has a second row (the first is line %s)", row.where(), key,
                    earlier == null ? 0 : earlier.line()).isNull();
        }
        return byKey;
    }

    /** The rows of the first table after the heading, without its header and separator lines. */
    static List<Row> table(List<String> lines, String heading) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            return List.of();
        }
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|") && !lines.get(i).startsWith("#")) {
            i++;
        }
        List<Row> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(new Row(i + 1, cells(lines.get(i))));
        }
        return rows;
    }

    /** Cells split on unescaped pipes. */
    static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> out = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            out.add(cell.strip().replace("\\|", "|"));
        }
        return out;
    }

    /** The value of a default cell: its leading code span, or empty for a cell that explains an empty default. */
    static Optional<String> documentedDefault(String cell) {
        if (cell.startsWith("*(")) {
            return Optional.of("");
        }
        return code(cell);
    }

    private static Optional<String> code(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int fence = markdown.indexOf("```yaml\n", from);
            if (fence < 0) {
                return blocks;
            }
            int start = fence + "```yaml\n".length();
            int end = markdown.indexOf("\n```", start);
            blocks.add(markdown.substring(start, end + 1));
            from = end + 4;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
