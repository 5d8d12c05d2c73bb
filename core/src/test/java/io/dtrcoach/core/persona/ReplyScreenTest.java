package io.dtrcoach.core.persona;

import io.dtrcoach.core.persona.ReplyGuard.Reason;
import io.dtrcoach.core.persona.ReplyGuard.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyScreenTest {
    private final ReplyGuard guard = ReplyGuard.wordsOnly(StalledCfo.scenario(), 200);

    @Test
    void should_release_safe_text_as_soon_as_it_arrives() {
        ReplyScreen screen = guard.screen(List.of());
        assertThat(screen.offer("Honestly, ")).isEqualTo(Verdict.OK);
        assertThat(screen.takeReleasable()).isEqualTo("Honestly, ");
        screen.offer("it's been ");
        assertThat(screen.takeReleasable()).isEqualTo("it's been ");
    }

    @Test
    void should_hold_back_a_word_that_could_grow_into_a_locked_keyword_until_it_cannot() {
        ReplyScreen screen = guard.screen(List.of());
        screen.offer("We had a bo");
        assertThat(screen.takeReleasable()).isEqualTo("We had a ");
        screen.offer("ring quarter.");
        assertThat(screen.takeReleasable()).isEqualTo("boring quarter.");
        assertThat(screen.finish()).isEqualTo(Verdict.OK);
    }

    @Test
    void should_never_release_any_part_of_a_locked_keyword_split_across_tokens() {
        ReplyScreen screen = guard.screen(List.of());
        StringBuilder shown = new StringBuilder();
        for (String token : List.of("It's", " the", " fre", "eze", ", really.")) {
            screen.offer(token);
            shown.append(screen.takeReleasable());
        }
        assertThat(screen.verdict()).isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "budget_freeze"));
        assertThat(shown.toString()).isEqualTo("It's the ");
    }

    @Test
    void should_never_release_the_start_of_an_out_of_character_phrase() {
        ReplyScreen screen = guard.screen(List.of());
        StringBuilder shown = new StringBuilder();
        for (String token : List.of("Well,", " as", " an", " A", "I", " I", " can't say.")) {
            screen.offer(token);
            shown.append(screen.takeReleasable());
        }
        assertThat(screen.verdict().ok()).isFalse();
        assertThat(shown.toString()).isEqualTo("Well, ");
    }

    @Test
    void should_catch_a_keyword_at_the_very_end_of_the_stream() {
        ReplyScreen screen = guard.screen(List.of());
        screen.offer("Ask the board");
        assertThat(screen.takeReleasable()).isEqualTo("Ask "); // "the board" could still become the fact text
        assertThat(screen.finish()).isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "budget_freeze"));
        assertThat(screen.takeReleasable()).isEmpty();
    }

    @Test
    void should_release_a_held_tail_when_the_stream_ends_without_a_match() {
        ReplyScreen screen = guard.screen(List.of());
        screen.offer("Let me ask Mar");
        assertThat(screen.takeReleasable()).isEqualTo("Let me ask ");
        assertThat(screen.finish()).isEqualTo(Verdict.OK);
        assertThat(screen.takeReleasable()).isEqualTo("Mar");
        assertThat(screen.text()).isEqualTo("Let me ask Mar");
    }

    @Test
    void should_stop_once_the_reply_is_too_long() {
        ReplyScreen screen = guard.screen(List.of());
        Verdict v = Verdict.OK;
        for (int i = 0; i < 100 && v.ok(); i++) {
            v = screen.offer("and so on ");
        }
        assertThat(v).extracting(x -> ((Verdict.Rejected) x).reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(screen.text().length()).isLessThanOrEqualTo(210);
    }
}
