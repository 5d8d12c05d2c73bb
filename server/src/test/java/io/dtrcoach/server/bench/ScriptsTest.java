package io.dtrcoach.server.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --unique-lines} must make every sentence of a line new, not only its last one. */
class ScriptsTest {
    @Test
    void take_zero_sends_the_line_as_written() {
        assertThat(Scripts.take("Thanks. Where does this stand?", 0)).isEqualTo("Thanks. Where does this stand?");
    }

    @Test
    void a_take_marks_every_sentence_and_keeps_its_punctuation() {
        assertThat(Scripts.take("Thanks for making time. Where does this stand? Honestly, no is fine!", 42))
                .isEqualTo("Thanks for making time (take 42). Where does this stand (take 42)? "
                        + "Honestly, no is fine (take 42)!");
    }

    @Test
    void a_line_without_final_punctuation_gets_the_take_at_its_end() {
        assertThat(Scripts.take("  so where are we  ", 7)).isEqualTo("so where are we (take 7)");
    }
}
