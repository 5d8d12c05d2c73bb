package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.persona.ReplyGuard.Reason;
import io.dtrcoach.core.persona.ReplyGuard.Verdict;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variants issue 12 found reaching the rep, on the shipped stalled-after-demos scenario, through the whole guard
 * (words and meaning), with nothing revealed yet: each is rejected as a leak of the incumbent fact; innocent look-alikes
 * pass.
 */
class ReplyGuardVariantsTest {
    private static Scenario scenario;
    private static ReplyGuard guard;

    @BeforeAll
    static void load() {
        scenario = new ScenarioLoader().load(LeakSet.LIBRARY.resolve("stalled-after-demos.yaml")).orThrow();
        guard = ReplyGuard.create(scenario, ReplyGuard.DEFAULT_MAX_CHARS, TextEmbedder.create());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Honestly, it's Raj's plan, not mine.",
            "We have to see what the incumbent's contract looks like first.",
            "Everything hinges on January 31st.",
            "Everything hinges on the thirty-first of January.",
            "Ask R\u200Baj about it.",
            "The in\u00ADcumbent gets a look first.",
            "Ask \uFF32\uFF41\uFF4A about it.",
            "My boss wants me to shop your quote around to our current helpdesk provider before they renew.",
            "If the vendor we already use throws in a similar QA add-on, we'll stay with them."})
    void should_reject_a_variant_or_paraphrase_of_a_locked_fact(String reply) {
        assertThat(guard.check(reply, List.of())).as(reply).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.LOCKED_FACT);
            assertThat(r.detail()).isEqualTo("incumbent_leverage");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"As an A.I. I can't share that.", "As an \uFF21\uFF29, I'd rather not.",
            "As a\u200Bn AI, no."})
    void should_reject_a_self_disclosure_in_any_spelling(String reply) {
        assertThat(guard.check(reply, List.of())).isEqualTo(new Verdict.Rejected(Reason.OUT_OF_CHARACTER,
                "out of character"));
    }

    /** Look-alikes in words are {@code FactMentionsTest}'s; these are replies near the call's topic. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Ha, same here. The team is surviving, just about.",
            "The references were glowing, honestly.",
            "Sorry, it's been an absolutely mad quarter.",
            "I'd rather not get into internal things today."})
    void should_let_an_innocent_look_alike_through(String reply) {
        assertThat(guard.check(reply, List.of())).as(reply).isEqualTo(Verdict.OK);
    }

    @Test
    void should_let_the_fact_through_once_revealed_and_still_catch_the_next_one() {
        List<String> revealed = List.of("incumbent_leverage");
        assertThat(guard.check(scenario.fact("incumbent_leverage").orElseThrow().text(), revealed)).isEqualTo(Verdict.OK);
        assertThat(guard.check("He decides at his budget review on the twentieth of January.", revealed))
                .isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "decision_date"));
    }

    /**
     * What the prompt tells the model to say once a fact is revealed (its {@code llm_hint}, sentence by sentence) passes
     * the whole guard against the facts still locked, in every shipped scenario: the guard does not refuse the very
     * reply the engine asked for.
     */
    @Test
    void should_let_the_model_say_every_shipped_facts_llm_hint_once_it_is_revealed() throws Exception {
        TextEmbedder embedder = TextEmbedder.create();
        int hints = 0;
        try (var files = java.nio.file.Files.list(LeakSet.LIBRARY)) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Scenario s = new ScenarioLoader().load(file).orThrow();
                ReplyGuard g = ReplyGuard.create(s, ReplyGuard.DEFAULT_MAX_CHARS, embedder);
                for (var fact : s.facts()) {
                    List<String> revealed = new java.util.ArrayList<>(List.of(fact.id()));
                    s.facts().stream().filter(o -> fact.revealWhen().source().contains("revealed('" + o.id() + "')"))
                            .forEach(o -> revealed.add(o.id()));
                    for (String sentence : FactSimilarity.sentences(fact.llmHint().orElseThrow())) {
                        hints++;
                        assertThat(g.check(sentence, revealed)).as("%s: %s", s.id(), sentence).isEqualTo(Verdict.OK);
                    }
                }
            }
        }
        assertThat(hints).isGreaterThanOrEqualTo(13);
    }

    @Test
    void should_never_stream_the_first_half_of_a_date() {
        ReplyScreen screen = guard.screen(List.of());
        StringBuilder shown = new StringBuilder();
        for (String piece : List.of("It all ends on January", " 3", "1st. Sorry.")) {
            screen.offer(piece);
            shown.append(screen.takeReleasable());
        }
        assertThat(screen.verdict()).isEqualTo(new Verdict.Rejected(Reason.LOCKED_FACT, "incumbent_leverage"));
        assertThat(shown.toString()).isEqualTo("It all ends on ");
    }
}
