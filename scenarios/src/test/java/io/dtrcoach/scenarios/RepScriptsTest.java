package io.dtrcoach.scenarios;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.dtrcoach.scenarios.RepScriptCalls.ASKING_IN_TIME;
import static io.dtrcoach.scenarios.RepScriptCalls.FLAWED;
import static io.dtrcoach.scenarios.RepScriptCalls.NOT_PUSHING;
import static io.dtrcoach.scenarios.RepScriptCalls.OVERALL;
import static io.dtrcoach.scenarios.RepScriptCalls.PRESSURE;
import static io.dtrcoach.scenarios.RepScriptCalls.TIMING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped personas and scores on calls nobody on the team wrote: the rep scripts of six independent writers
 * (s1–s6), each written from the rep's brief only, played against the scripted personas. The prospect must understand
 * them (fallback replies under {@value #MAX_FALLBACK_SHARE} of turns) and the scores must order the reps as a coach
 * would, in every scenario: the excellent reps above every flawed kind (late, coercive, pitchy, rude ambush, average;
 * a "solid" rep is a good one too and is not ranked against them), the coercive ones lowest on pressure among the reps
 * who do not set out to push (a rude ambush does), and the late ones lowest on timing among the reps who ask in time
 * (a pitchy rep may never ask, and a pushy one asks early but under pressure). The orderings must hold over all
 * scenarios together, and in each scenario but the known gaps listed in {@link #KNOWN_GAPS}.
 *
 * <p>This is now a <em>development</em> set: transcripts of some of these scripts were read while the product was
 * changed (7 Dec 2026: a scenario's timing topic, a persona trigger). The held-out measure is
 * {@link HeldOutRepScriptsTest}.
 */
class RepScriptsTest {
    static final double MAX_FALLBACK_SHARE = 0.10;
    static final int MIN_SCRIPTS = 60;
    /**
     * Orderings that fail today, as "scenario: what", with the reason found (docs/classifier.md). In
     * defensive-champion the persona ends the call after the first push, so the coercive reps are scored on two or
     * three turns, and two of their pushes are not heard as pressure; in no-budget-friendzone the solid rep's ask
     * comes once Ellie is already guarded.
     */
    static final Set<String> KNOWN_GAPS = Set.of(
            "defensive-champion: coercive lowest on pressure",
            "no-budget-friendzone: late lowest on timing");

    private static RepScriptCalls calls;

    @BeforeAll
    static void play() {
        calls = RepScriptCalls.play(RepScript.all(), KNOWN_GAPS);
    }

    @Test
    void should_play_at_least_sixty_independent_scripts_over_all_six_scenarios() {
        assertThat(calls.played).hasSizeGreaterThanOrEqualTo(MIN_SCRIPTS);
        assertThat(calls.played.stream().map(p -> p.script().scenario()).distinct()).hasSize(6);
        assertThat(calls.played.stream().map(p -> p.script().writer()).distinct()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void should_answer_all_but_a_few_turns_in_character_rather_than_with_a_fallback() {
        calls.assertFallbackShareUnder(MAX_FALLBACK_SHARE);
    }

    @Test
    void should_rank_the_excellent_reps_above_every_flawed_kind() {
        calls.ordering("excellent above the flawed kinds", "excellent", FLAWED, OVERALL, true);
    }

    @Test
    void should_score_the_coercive_reps_lowest_on_pressure() {
        calls.ordering("coercive lowest on pressure", "coercive", NOT_PUSHING, PRESSURE, false);
    }

    @Test
    void should_score_the_late_reps_lowest_on_timing() {
        calls.ordering("late lowest on timing", "late", ASKING_IN_TIME, TIMING, false);
    }
}
