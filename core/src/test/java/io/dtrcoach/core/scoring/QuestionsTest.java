package io.dtrcoach.core.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionsTest {
    @Test
    void should_find_only_the_sentences_that_ask() {
        assertThat(Questions.of("Thanks for the time. What's changed? I'll send the deck.  Does Tuesday work?"))
                .containsExactly("What's changed?", "Does Tuesday work?");
        assertThat(Questions.of("No question here.")).isEmpty();
    }

    @Test
    void should_tell_open_from_closed_questions() {
        assertThat(Questions.isOpen("What's changed since we last spoke?")).isTrue();
        assertThat(Questions.isOpen("So, how does a decision like this get made?")).isTrue();
        assertThat(Questions.isOpen("Walk me through the sign-off?")).isTrue();
        assertThat(Questions.isOpen("Does Tuesday work?")).isFalse();
        assertThat(Questions.isOpen("Whatever happened to the pilot team, did they like it?")).isFalse();
    }

    @Test
    void should_recognise_calibrated_and_no_oriented_questions() {
        assertThat(Questions.isCalibrated("What would need to be true for this to go ahead?")).isTrue();
        assertThat(Questions.isCalibrated("Why haven't you signed?")).isFalse();
        assertThat(Questions.isNoOriented("Would it be a bad idea to talk about where this is heading?")).isTrue();
        assertThat(Questions.isNoOriented("Have you given up on this project?")).isTrue();
        assertThat(Questions.isNoOriented("Would you be against a short call with your CFO?")).isTrue();
        assertThat(Questions.isNoOriented("Can you sign by Friday?")).isFalse();
    }
}
