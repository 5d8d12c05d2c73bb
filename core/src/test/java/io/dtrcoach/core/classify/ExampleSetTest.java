package io.dtrcoach.core.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleSetTest {
    static ExampleSet evalSet() throws IOException {
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                ExampleSetTest.class.getResourceAsStream("eval.tsv")), StandardCharsets.UTF_8)) {
            return ExampleSet.parse(in, "eval.tsv");
        }
    }

    /** Case, punctuation and spacing removed, so near-identical lines compare equal. */
    static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    @Test
    void should_ship_a_phrasebook_of_at_least_20_lines_for_every_move_coaching_suggests() {
        // examples.tsv is now coaching's phrasebook ("try instead"); the classifier learns from core/corpus/moves
        ExampleSet shipped = ExampleSet.shipped();
        assertThat(shipped.size()).isGreaterThanOrEqualTo(400);
        for (MoveLabel label : List.of(MoveLabel.DTR_ASK, MoveLabel.PERMISSION_NO, MoveLabel.OPEN_QUESTION,
                MoveLabel.SUMMARY, MoveLabel.NEXT_STEP, MoveLabel.DECISION_PROCESS)) {
            assertThat(shipped.linesFor(label.id())).as(label.id()).hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void should_share_no_line_between_the_examples_and_the_eval_set() throws IOException {
        Set<String> examples = ExampleSet.shipped().lines().stream().map(l -> key(l.text()))
                .collect(Collectors.toSet());
        List<String> shared = evalSet().lines().stream().map(LabelledLine::text)
                .filter(t -> examples.contains(key(t))).toList();
        assertThat(shared).isEmpty();
    }

    @Test
    void should_have_no_duplicate_lines_within_the_examples() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = ExampleSet.shipped().lines().stream().map(LabelledLine::text)
                .filter(t -> !seen.add(key(t))).toList();
        assertThat(duplicates).isEmpty();
    }

    @Test
    void should_offer_good_practice_lines_for_coaching() {
        ExampleSet shipped = ExampleSet.shipped();
        assertThat(shipped.linesFor("dtr_ask")).contains("Where does this project sit on your list of priorities now?");
        assertThat(shipped.linesFor("permission_no")).allSatisfy(l -> assertThat(l).isNotBlank());
        assertThat(shipped.linesFor("no_such_label")).isEmpty();
    }

    @Test
    void should_parse_labels_text_comments_and_blank_lines() throws IOException {
        ExampleSet set = ExampleSet.parse(new StringReader("""
                # a comment

                dtr_ask,closed_question\tIs this still alive?
                other\tOkay.
                """), "t.tsv");
        assertThat(set.lines()).containsExactly(
                new LabelledLine(List.of("dtr_ask", "closed_question"), "Is this still alive?"),
                new LabelledLine(List.of("other"), "Okay."));
    }

    @Test
    void should_name_file_and_line_of_an_unknown_label() {
        assertThatThrownBy(() -> ExampleSet.parse(new StringReader("other\tfine\npressure.threat\tor else\n"), "x.tsv"))
                .isInstanceOf(ExampleSetInvalid.class).hasMessageStartingWith("x.tsv:2:")
                .hasMessageContaining("pressure.threat");
        assertThatThrownBy(() -> ExampleSet.parse(new StringReader("no tab here\n"), "y.tsv"))
                .isInstanceOf(ExampleSetInvalid.class).hasMessageStartingWith("y.tsv:1:");
    }

    @Test
    void should_merge_a_line_listed_under_two_labels_into_one_example() {
        ExampleSet set = ExampleSet.of(Map.of("dtr_ask", List.of("Where are we?"),
                "open_question", List.of("Where are we?")));
        assertThat(set.lines()).hasSize(1);
        assertThat(set.lines().get(0).labels()).containsExactlyInAnyOrder("dtr_ask", "open_question");
    }
}
