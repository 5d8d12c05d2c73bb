package io.dtrcoach.core.persona;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceGateTest {
    @Test
    void should_hand_out_each_sentence_once_its_end_mark_is_followed_by_space() {
        SentenceGate gate = new SentenceGate();
        assertThat(gate.add("Look. It's been")).containsExactly("Look. ");
        assertThat(gate.add(" a lot!")).isEmpty();
        assertThat(gate.add(" Really?\" she said.\nNext")).containsExactly("It's been a lot! ", "Really?\" ",
                "she said.\n");
        assertThat(gate.rest()).isEqualTo("Next");
        assertThat(gate.rest()).isEmpty();
    }

    @Test
    void should_keep_every_character_in_order() {
        SentenceGate gate = new SentenceGate();
        StringBuilder out = new StringBuilder();
        String text = "One... two?  Three!\n\nFour. Five";
        for (char c : text.toCharArray()) {
            gate.add(String.valueOf(c)).forEach(out::append);
        }
        out.append(gate.rest());
        assertThat(out.toString()).isEqualTo(text);
    }
}
