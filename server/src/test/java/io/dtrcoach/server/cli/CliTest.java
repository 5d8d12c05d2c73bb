package io.dtrcoach.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtrcoach.server.app.CoreServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer and classifier commands, run in process as the jar runs them, with their exit codes and output. */
class CliTest {
    private static final Path LIBRARY = Path.of("../scenarios/src/main/resources/scenarios");
    private static CoreServices services;

    @BeforeAll
    static void models() {
        services = CoreServices.create();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), () -> services);
        int exit = Main.commandLine(context).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validate_should_exit_0_on_the_shipped_library_and_print_a_summary() {
        Run r = run("", "validate", LIBRARY.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("files checked: 0 errors");
    }

    @Test
    void validate_should_exit_1_with_file_line_col_on_a_broken_file(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "schema: dtr-scenario/1\nid: Bad Id\ntitel: x\n");
        Run r = run("", "validate", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":2:5: error:").contains(bad + ":3:1: error:").contains("did you mean 'title'");
        assertThat(r.out()).containsPattern("1 file checked: \\d+ errors");
    }

    @Test
    void validate_should_exit_1_for_a_missing_path() {
        Run r = run("", "validate", "/no/such/file.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("/no/such/file.yaml:1:1: error: no such file or folder");
    }

    @Test
    void validate_with_run_tests_should_report_a_failing_scenario_test_at_its_line(@TempDir Path dir) throws Exception {
        String good = Files.readString(LIBRARY.resolve("stalled-after-demos.yaml"));
        Run ok = run("", "validate", "--run-tests", LIBRARY.resolve("stalled-after-demos.yaml").toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).containsPattern("tests: \\d+ passed, 0 failed");

        int testsAt = good.indexOf("\ntests:");
        String broken = good.substring(0, testsAt) + "\ntests:\n  - name: impossible\n    turns:\n"
                + "      - rep: \"Can you sign by Friday?\"\n        expect: {moves: [permission_no]}\n";
        Path file = dir.resolve("broken-test.yaml");
        Files.writeString(file, broken);
        Run r = run("", "validate", "--run-tests", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        int line = (int) broken.lines().takeWhile(l -> !l.contains("Can you sign by Friday?")).count() + 1;
        assertThat(r.out()).contains(file + ":" + line + ":").contains("test 'impossible'");
    }

    @Test
    void replay_json_should_carry_the_transcript_the_facts_the_ending_and_the_report(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("lines.txt");
        Files.writeString(lines, "# a comment\nBefore we start, would it be okay if we agreed that a no is a fine outcome today?\n\n"
                + "Where do you honestly see this going?\n");
        Run r = run("", "replay", "--scenario", "stalled-after-demos", "--rep-lines", lines.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("scenario").asText()).isEqualTo("stalled-after-demos");
        assertThat(json.get("turns")).hasSize(2);
        JsonNode turn = json.get("turns").get(0);
        for (String field : List.of("rep", "prospect", "intents", "stateBefore", "stateAfter", "revealed", "moves")) {
            assertThat(turn.has(field)).as(field).isTrue();
        }
        assertThat(turn.get("rep").asText()).startsWith("Before we start");
        assertThat(json.get("revealedFacts").isArray()).isTrue();
        assertThat(json.get("ending").asText()).isNotEmpty();
        JsonNode report = json.get("report");
        assertThat(report.get("overall").asInt()).isBetween(0, 100);
        assertThat(report.get("dimensions").get("timing").get("score").asInt()).isBetween(0, 100);
        assertThat(report.get("dimensions").get("pressure").get("evidence").isArray()).isTrue();
    }

    @Test
    void replay_should_fail_cleanly_for_an_unknown_scenario(@TempDir Path dir) throws Exception {
        Path lines = Files.writeString(dir.resolve("l.txt"), "hello\n");
        Run r = run("", "replay", "--scenario", "no-such-scenario", "--rep-lines", lines.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no scenario 'no-such-scenario'").contains("stalled-after-demos");
    }

    @Test
    void classify_should_print_one_json_line_per_input_line() throws Exception {
        Run r = run("If I don't have a signed order by Friday, I'm closing your file.\n\nWhat's changed since we last spoke?\n",
                "classify");
        assertThat(r.exit()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(l));
        }
        assertThat(lines).as("one output line per input line, the blank one too").hasSize(3);
        assertThat(lines.get(0).get("text").asText()).startsWith("If I don't have");
        assertThat(lines.get(0).get("moves").get(0).get("label").asText()).isEqualTo("pressure.ultimatum");
        assertThat(lines.get(1).get("text").asText()).isEmpty();
        assertThat(lines.get(1).get("moves").findValuesAsText("label")).containsExactly("other");
        assertThat(lines.get(2).get("moves").findValuesAsText("label")).contains("open_question");
    }

    @Test
    void classify_eval_should_name_file_and_line_of_a_bad_evaluation_file(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "dtr_ask\tWhere is this going?\nbogus_label\thello\n");
        Run r = run("", "classify", "--eval", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(bad + ":2: unknown label 'bogus_label'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void classify_eval_should_print_per_label_f1() {
        Run r = run("", "classify", "--eval", "../core/src/test/resources/io/dtrcoach/core/classify/eval.tsv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("dtr_ask").contains("permission_no").contains("pressure").containsIgnoringCase("f1");
    }

    @Test
    void play_should_talk_and_end_with_a_report() {
        Run r = run("It's completely fine if the answer is no.\n/end\n", "play", "stalled-after-demos", "--debug");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("you> ").contains("· intents:").contains("· state:")
                .contains("The call ended: rep_ended").contains("Overall");
    }
}
