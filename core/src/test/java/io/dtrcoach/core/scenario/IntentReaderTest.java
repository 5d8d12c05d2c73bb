package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IntentReaderTest {

    @Test
    void should_name_the_shared_move_an_intent_id_redefines() {
        assertThat(IntentReader.sharedMoveNamed("pitches")).contains("pitch");
        assertThat(IntentReader.sharedMoveNamed("pitches_more")).contains("pitch");
        assertThat(IntentReader.sharedMoveNamed("acknowledges")).contains("acknowledge");
        assertThat(IntentReader.sharedMoveNamed("summarises")).contains("summary");
        assertThat(IntentReader.sharedMoveNamed("logistics")).contains("logistics");
        assertThat(IntentReader.sharedMoveNamed("rapport")).contains("rapport");
        assertThat(IntentReader.sharedMoveNamed("pressure_guilt")).contains("pressure");
        assertThat(IntentReader.sharedMoveNamed("dtr_ask")).contains("dtr_ask");
    }

    @Test
    void should_let_topic_intents_through_even_when_a_label_gives_the_same_inflection_twice() {
        // "dtr_ask" + "es" and its stem + "es" are the same string: this once threw instead of answering.
        assertThat(IntentReader.sharedMoveNamed("asks_about_incumbent")).isEqualTo(Optional.empty());
        assertThat(IntentReader.sharedMoveNamed("asks_about_pain")).isEqualTo(Optional.empty());
        assertThat(IntentReader.sharedMoveNamed("dtr_askes")).contains("dtr_ask");
    }
}
