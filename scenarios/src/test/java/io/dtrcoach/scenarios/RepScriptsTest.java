package io.dtrcoach.scenarios;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scoring.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped personas and scores on calls nobody on the team wrote: the rep scripts of six independent writers,
 * each written from the rep's brief only, played against the scripted personas. The prospect must understand them
 * (fallback replies under {@value #MAX_FALLBACK_SHARE} of turns) and the scores must order the reps as a coach would,
 * in every scenario: the excellent reps above every flawed kind (late, coercive, pitchy, rude ambush, average; a
 * "solid" rep is a good one too and is not ranked against them), the coercive ones lowest on pressure among the reps
 * who do not set out to push (a rude ambush does), and the late ones lowest on timing among the reps who ask in time
 * (a pitchy rep may never ask, and a pushy one asks early but under pressure). The orderings must hold over all
 * scenarios together, and in each scenario but the known gaps listed in {@link #KNOWN_GAPS}; a known gap that
 * starts to hold fails the test too, so that the list only ever shrinks.
 */
class RepScriptsTest {
    static final double MAX_FALLBACK_SHARE = 0.10;
    static final int MIN_SCRIPTS = 60;
    static final java.util.Set<String> FLAWED = java.util.Set.of("late", "coercive", "pitchy", "rude_ambush",
            "average");
    static final java.util.Set<String> NOT_PUSHING = java.util.Set.of("excellent", "solid", "late", "pitchy",
            "average");
    static final java.util.Set<String> ASKING_IN_TIME = java.util.Set.of("excellent", "solid", "average");
    /**
     * Orderings that fail today, as "scenario: what", with the reason found (docs/classifier.md). In
     * defensive-champion the persona ends the call after the first push, so the coercive reps are scored on two or
     * three turns, and two of their pushes are not heard as pressure; in no-budget-friendzone the solid rep's ask
     * comes once Ellie is already guarded.
     */
    static final java.util.Set<String> KNOWN_GAPS = java.util.Set.of(
            "defensive-champion: coercive lowest on pressure",
            "no-budget-friendzone: late lowest on timing");

    record Played(RepScript script, Transcript transcript, Report report) {
    }

    private static final List<Played> PLAYED = new ArrayList<>();

    @BeforeAll
    static void play() {
        ShippedLibrary library = ShippedLibrary.get();
        for (RepScript s : RepScript.all()) {
            Engine engine = library.engine(s.scenario());
            Transcript t = Transcript.replayAndEnd(engine, s.lines(), 1);
            PLAYED.add(new Played(s, t, library.scorer.score(engine, t)));
        }
        System.out.print(summary());
    }

    @Test
    void should_play_at_least_sixty_independent_scripts_over_all_six_scenarios() {
        assertThat(PLAYED).hasSizeGreaterThanOrEqualTo(MIN_SCRIPTS);
        assertThat(PLAYED.stream().map(p -> p.script().scenario()).distinct()).hasSize(6);
        assertThat(PLAYED.stream().map(p -> p.script().writer()).distinct()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void should_answer_all_but_a_few_turns_in_character_rather_than_with_a_fallback() {
        List<String> fallbacks = new ArrayList<>();
        int turns = 0;
        for (Played p : PLAYED) {
            for (Turn t : p.transcript().turns()) {
                turns++;
                if (t.answered().equals(Engine.NO_MATCH)) {
                    fallbacks.add(p.script().name() + " turn " + t.number() + ": \"" + t.rep() + "\" " + t.moves());
                }
            }
        }
        double share = (double) fallbacks.size() / turns;
        assertThat(share).as("fallback replies: %d of %d turns (%.1f%%):%n%s", fallbacks.size(), turns, 100 * share,
                String.join("\n", fallbacks)).isLessThan(MAX_FALLBACK_SHARE);
    }

    @Test
    void should_rank_the_excellent_reps_above_every_flawed_kind() {
        ordering("excellent above the flawed kinds", "excellent", FLAWED, p -> p.report().overall(), true);
    }

    @Test
    void should_score_the_coercive_reps_lowest_on_pressure() {
        ordering("coercive lowest on pressure", "coercive", NOT_PUSHING,
                p -> p.report().dimensions().get("pressure").score(), false);
    }

    @Test
    void should_score_the_late_reps_lowest_on_timing() {
        ordering("late lowest on timing", "late", ASKING_IN_TIME,
                p -> p.report().dimensions().get("timing").score(), false);
    }

    /**
     * The kind's mean against each compared kind's, over all scenarios and per scenario; a per-scenario failure must
     * be a known gap, and a known gap must still fail.
     */
    private static void ordering(String what, String kind, java.util.Set<String> against,
                                 ToDoubleFunction<Played> score, boolean above) {
        List<Played> all = PLAYED;
        double mine = mean(all.stream().filter(p -> p.script().kind().equals(kind)).toList(), score);
        for (String other : against) {
            List<Played> theirs = all.stream().filter(p -> p.script().kind().equals(other)).toList();
            if (other.equals(kind) || theirs.isEmpty()) {
                continue;
            }
            double o = mean(theirs, score);
            assertThat(above ? mine > o : mine < o).as("all scenarios: %s: %s %.1f against %s %.1f", what, kind,
                    mine, other, o).isTrue();
        }
        forEachScenario((scenario, byKind) -> {
            double m = mean(byKind.get(kind), score);
            boolean holds = byKind.entrySet().stream().filter(e -> !e.getKey().equals(kind)
                            && against.contains(e.getKey()))
                    .allMatch(e -> above ? m > mean(e.getValue(), score) : m < mean(e.getValue(), score));
            String gap = scenario + ": " + what;
            assertThat(holds).as("%s (%s %.1f; others %s)%s", gap, kind, m, byKind.entrySet().stream()
                            .filter(e -> against.contains(e.getKey())).map(e -> e.getKey() + " "
                                    + String.format(Locale.ROOT, "%.1f", mean(e.getValue(), score))).toList(),
                    KNOWN_GAPS.contains(gap) ? ": a known gap that now holds, remove it from KNOWN_GAPS" : "")
                    .isEqualTo(!KNOWN_GAPS.contains(gap));
        }, kind);
    }

    private static void forEachScenario(java.util.function.BiConsumer<String, Map<String, List<Played>>> check,
                                        String required) {
        Map<String, Map<String, List<Played>>> all = grouped();
        assertThat(all).isNotEmpty();
        all.forEach((scenario, byKind) -> {
            assertThat(byKind).as(scenario + " has " + required + " scripts").containsKey(required);
            check.accept(scenario, byKind);
        });
    }

    private static Map<String, Map<String, List<Played>>> grouped() {
        Map<String, Map<String, List<Played>>> out = new TreeMap<>();
        for (Played p : PLAYED) {
            out.computeIfAbsent(p.script().scenario(), k -> new TreeMap<>())
                    .computeIfAbsent(p.script().kind(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static double mean(List<Played> list, ToDoubleFunction<Played> f) {
        return list.stream().mapToDouble(f).average().orElseThrow();
    }

    /** Per scenario and kind: scripts, mean overall, timing and pressure, passes; and the fallback share. */
    static String summary() {
        StringBuilder b = new StringBuilder("Rep scripts played (mean overall / timing / pressure, passed):\n");
        grouped().forEach((scenario, byKind) -> {
            b.append(scenario).append('\n');
            byKind.forEach((kind, list) -> b.append(String.format(Locale.ROOT, "  %-12s n=%d  %5.1f / %5.1f / %5.1f  "
                            + "passed %d%n", kind, list.size(), mean(list, p -> p.report().overall()),
                    mean(list, p -> p.report().dimensions().get("timing").score()),
                    mean(list, p -> p.report().dimensions().get("pressure").score()),
                    list.stream().filter(p -> p.report().passed()).count())));
        });
        long turns = PLAYED.stream().mapToLong(p -> p.transcript().turns().size()).sum();
        long fallbacks = PLAYED.stream().flatMap(p -> p.transcript().turns().stream())
                .filter(t -> t.answered().equals(Engine.NO_MATCH)).count();
        b.append(String.format(Locale.ROOT, "fallback replies: %d of %d turns (%.1f%%)%n", fallbacks, turns,
                100.0 * fallbacks / turns));
        return b.toString();
    }
}
