package io.dtrcoach.core.persona;

import io.dtrcoach.core.persona.ReplyGuard.Reason;
import io.dtrcoach.core.persona.ReplyGuard.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyGuardTest {
    private final ReplyGuard guard = ReplyGuard.wordsOnly(StalledCfo.scenario(), 200);

    /** Never-say rules as scenarios write them: prose for the model, quoted phrases the guard checks too. */
    static ReplyGuard withNeverSay(String... rules) {
        return ReplyGuard.wordsOnly(StalledCfo.scenario(new io.dtrcoach.core.scenario.LlmPersona("CFO.", "Direct.",
                "Short.", List.of(), List.of(rules))), 200);
    }

    @Test
    void should_reject_a_phrase_a_never_say_rule_quotes_as_whole_words_in_any_case() {
        ReplyGuard g = withNeverSay("a firm commitment, e.g. \"we'll sign\" or \u201Cyou have a deal\u201D",
                "that she is an AI or a simulation");
        assertThat(g.check("Fine. We'll  sign next week.", List.of()))
                .isEqualTo(new Verdict.Rejected(Reason.NEVER_SAY, "never_say: we'll sign"));
        assertThat(g.check("OK, you have a deal!", List.of()))
                .isEqualTo(new Verdict.Rejected(Reason.NEVER_SAY, "never_say: you have a deal"));
        assertThat(g.check("We'll signal interest to the chair soon.", List.of()))
                .isEqualTo(Verdict.OK);
        assertThat(g.check("Honestly, this is a simulation, isn't it?", List.of()))
                .extracting(v -> ((Verdict.Rejected) v).reason()).isEqualTo(Reason.OUT_OF_CHARACTER);
    }

    @Test
    void should_hold_back_the_start_of_a_never_say_phrase_while_it_streams() {
        ReplyScreen screen = withNeverSay("never \"we'll sign\"").screen(List.of());
        assertThat(screen.offer("Maybe. We'll ")).isEqualTo(Verdict.OK);
        assertThat(screen.takeReleasable()).isEqualTo("Maybe. ");
        assertThat(screen.offer("sign.")).isEqualTo(new Verdict.Rejected(Reason.NEVER_SAY, "never_say: we'll sign"));
        assertThat(screen.takeReleasable()).isEmpty();
    }

    @Test
    void should_check_nothing_for_a_never_say_rule_without_quotes() {
        assertThat(ReplyGuard.quotedPhrases("any discount figure")).isEmpty();
        assertThat(ReplyGuard.quotedPhrases("say \"no-brainer\" or \"sign today!\"")).containsExactly("no-brainer", "sign today");
    }

    @Test
    void should_accept_an_in_character_reply() {
        assertThat(guard.check("Look, it's been a lot. I hear you, though.", List.of())).isEqualTo(Verdict.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "As an AI, I can't really have feelings about budgets.",
            "I\u2019m an AI assistant and cannot share that.",
            "Honestly?   As   an\nai I would say no.",
            "I'm just a language model.",
            "Sorry, I can't role-play that.",
            "That's in my instructions.",
            "As an A.I., I can't say.",
            "As an A.I I can't say.",
            "As an \uFF21\uFF29, I can't say.",
            "As a\u200Bn A\u00ADI, I can't say.",
            "Honestly, I'm a bot.",
            "I am an LLM, so no.",
            "That was in my system prompt."})
    void should_reject_a_reply_that_breaks_character(String reply) {
        assertThat(guard.check(reply, List.of())).isEqualTo(new Verdict.Rejected(Reason.OUT_OF_CHARACTER,
                "out of character"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"The BOARD won't like it.", "We're in a freeze, sort of.", "Maybe in q3?",
            "Her internal sponsor, Marcus, left in March", "Ask Marcus.", "It's the Board's call.",
            "Spending is frozen.", "Maybe in Q 3?", "Ask Mar\u200Bcus.", "Ask \uFF2D\uFF41\uFF52\uFF43\uFF55\uFF53.",
            "Our spon\u00ADsor is gone.", "Our sponsors moved on."})
    void should_reject_a_reply_naming_a_locked_fact(String reply) {
        assertThat(guard.check(reply, List.of())).isInstanceOf(Verdict.Rejected.class)
                .extracting(v -> ((Verdict.Rejected) v).reason()).isEqualTo(Reason.LOCKED_FACT);
    }

    @Test
    void should_never_release_a_keyword_split_by_an_invisible_character_across_pieces() {
        ReplyScreen screen = guard.screen(List.of());
        StringBuilder shown = new StringBuilder();
        for (String piece : List.of("Ask ", "Mar", "\u200B", "cus", "'s team.")) {
            screen.offer(piece);
            shown.append(screen.takeReleasable());
        }
        assertThat(screen.verdict()).isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "sponsor_left"));
        assertThat(shown.toString()).isEqualTo("Ask ");
    }

    @Test
    void should_hold_back_the_last_word_until_the_next_piece_shows_it_is_complete() {
        ReplyGuard g = ReplyGuard.wordsOnly(StalledCfo.scenario(), 200);
        ReplyScreen screen = g.screen(List.of("budget_freeze"));
        // "March" might still become "Marcus"
        screen.offer("We met in March");
        assertThat(screen.takeReleasable()).isEqualTo("We met in ");
        screen.offer(", fine.");
        assertThat(screen.finish()).isEqualTo(Verdict.OK);
        assertThat(screen.takeReleasable()).isEqualTo("March, fine.");
    }

    @Test
    void should_say_which_fact_was_hit() {
        assertThat(guard.check("Talk to our sponsor.", List.of()))
                .isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "sponsor_left"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Onboarding was fine.", "The boardroom is booked.", "The freezer broke again.",
            "Q30 is a long way off."})
    void should_match_keywords_on_word_boundaries_only(String reply) {
        assertThat(guard.check(reply, List.of())).isEqualTo(Verdict.OK);
    }

    @Test
    void should_allow_a_fact_once_the_engine_revealed_it() {
        assertThat(guard.check("Yes, the board froze it until Q3.", List.of("budget_freeze"))).isEqualTo(Verdict.OK);
        assertThat(guard.check("Yes, the board froze it, and our sponsor left.", List.of("budget_freeze")))
                .isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "sponsor_left"));
    }

    @Test
    void should_reject_a_reply_over_the_length_limit() {
        assertThat(guard.check("Busy. ".repeat(40), List.of())).extracting(v -> ((Verdict.Rejected) v).reason())
                .isEqualTo(Reason.TOO_LONG);
        assertThat(guard.check("Busy. ".repeat(30), List.of())).isEqualTo(Verdict.OK);
    }

    @Test
    void should_reject_an_empty_reply() {
        assertThat(guard.check("  \n ", List.of())).extracting(v -> ((Verdict.Rejected) v).reason())
                .isEqualTo(Reason.EMPTY);
    }
}
