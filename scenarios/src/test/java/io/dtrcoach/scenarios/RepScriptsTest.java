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
 * (a pitchy rep may never ask, and a pushy one asks early but under pressure).
 */
class RepScriptsTest {
    static final double MAX_FALLBACK_SHARE = 0.10;
    static final int MIN_SCRIPTS = 60;
    static final java.util.Set<String> FLAWED = java.util.Set.of("late", "coercive", "pitchy", "rude_ambush",
            "average");
    static final java.util.Set<String> NOT_PUSHING = java.util.Set.of("excellent", "solid", "late", "pitchy",
            "average");
    static final java.util.Set<String> ASKING_IN_TIME = java.util.Set.of("excellent", "solid", "average");

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
    void should_rank_the_excellent_reps_above_every_flawed_kind_in_every_scenario() {
        forEachScenario((scenario, byKind) -> {
            double excellent = mean(byKind.get("excellent"), p -> p.report().overall());
            byKind.forEach((kind, list) -> {
                if (FLAWED.contains(kind)) {
                    assertThat(excellent).as("%s: excellent (%.1f) above %s (%.1f)", scenario, excellent, kind,
                            mean(list, p -> p.report().overall())).isGreaterThan(mean(list, p -> p.report().overall()));
                }
            });
        }, "excellent");
    }

    @Test
    void should_score_the_coercive_reps_lowest_on_pressure_in_every_scenario() {
        lowest("coercive", NOT_PUSHING, p -> p.report().dimensions().get("pressure").score());
    }

    @Test
    void should_score_the_late_reps_lowest_on_timing_in_every_scenario() {
        lowest("late", ASKING_IN_TIME, p -> p.report().dimensions().get("timing").score());
    }

    private static void lowest(String kind, java.util.Set<String> against, ToDoubleFunction<Played> score) {
        forEachScenario((scenario, byKind) -> {
            double mine = mean(byKind.get(kind), score);
            byKind.forEach((other, list) -> {
                if (!other.equals(kind) && against.contains(other)) {
                    assertThat(mine).as("%s: %s (%.1f) below %s (%.1f)", scenario, kind, mine, other,
                            mean(list, score)).isLessThan(mean(list, score));
                }
            });
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
