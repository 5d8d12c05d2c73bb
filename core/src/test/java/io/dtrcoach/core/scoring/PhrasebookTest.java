package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.ExampleSet;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PhrasebookTest {
    @Test
    void should_never_take_a_coaching_line_that_also_carries_a_pressure_label() throws Exception {
        ExampleSet examples = ExampleSet.parse(new StringReader("""
                dtr_ask,open_question\tWhere does this project sit on your list now?
                dtr_ask,pressure.false_urgency\tThe price goes on Friday, so where are we?
                permission_no\tIt's fine if the answer is no.
                """), "test");

        Phrasebook book = Phrasebook.fromExamples(examples);

        assertThat(book.linesFor("dtr_ask")).containsExactly("Where does this project sit on your list now?");
        assertThat(book.linesFor("summary")).isEmpty();
    }

    @Test
    void should_leave_out_example_lines_that_name_someone() {
        assertThat(Names.mentionsSomeone("Sam, where are we with the CRM decision, honestly?")).isTrue();
        assertThat(Names.mentionsSomeone("It's been quiet since the pricing call, Dana.")).isTrue();
        assertThat(Names.mentionsSomeone("How will Raj decide, and when?")).isTrue();
        assertThat(Names.mentionsSomeone("Honestly, where do things stand on your side?")).isFalse();
        assertThat(Names.mentionsSomeone("Shall we book 30 minutes with your CFO next Tuesday?")).isFalse();
        assertThat(Names.mentionsSomeone("Okay. Then I'll send it by Friday.")).isFalse();
        assertThat(Phrasebook.fromExamples(ExampleSet.shipped()).linesFor("dtr_ask"))
                .isNotEmpty().noneMatch(Names::mentionsSomeone);
    }

    @Test
    void should_fill_missing_labels_from_the_fallback_and_merge_without_duplicates() {
        Phrasebook mine = Phrasebook.of(Map.of("dtr_ask", List.of("A", "B")));
        Phrasebook other = Phrasebook.of(Map.of("dtr_ask", List.of("B", "C"), "summary", List.of("S")));

        assertThat(mine.and(other).linesFor("dtr_ask")).containsExactly("A", "B", "C");
        assertThat(mine.orElse(other).linesFor("dtr_ask")).containsExactly("A", "B");
        assertThat(mine.orElse(other).linesFor("summary")).containsExactly("S");
    }

    @Test
    void should_ship_lines_for_every_label_coaching_asks_for() {
        for (String label : List.of("dtr_ask", "permission_no", "open_question", "summary", "next_step",
                "decision_process")) {
            assertThat(Phrasebook.builtIn().linesFor(label)).as(label).isNotEmpty();
            assertThat(Phrasebook.fromExamples(ExampleSet.shipped()).linesFor(label)).as(label).isNotEmpty();
        }
    }
}
