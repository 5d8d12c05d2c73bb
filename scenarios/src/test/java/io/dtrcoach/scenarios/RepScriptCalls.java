package io.dtrcoach.scenarios;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scoring.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set of rep scripts played against the shipped scripted personas and scored, with the checks a coach expects of
 * them: few fallback replies, and orderings of the kinds of rep (over all scenarios, and per scenario but for the
 * known gaps given, which must still fail so that a list of gaps only ever shrinks).
 */
final class RepScriptCalls {
    static final Set<String> FLAWED = Set.of("late", "coercive", "pitchy", "rude_ambush", "average");
    static final Set<String> NOT_PUSHING = Set.of("excellent", "solid", "late", "pitchy", "average");
    static final Set<String> ASKING_IN_TIME = Set.of("excellent", "solid", "average");
    static final ToDoubleFunction<Played> OVERALL = p -> p.report().overall();
    static final ToDoubleFunction<Played> PRESSURE = p -> p.report().dimensions().get("pressure").score();
    static final ToDoubleFunction<Played> TIMING = p -> p.report().dimensions().get("timing").score();

    record Played(RepScript script, Transcript transcript, Report report) {
    }

    final List<Played> played = new ArrayList<>();
    private final Set<String> knownGaps;

    private RepScriptCalls(Set<String> knownGaps) {
        this.knownGaps = knownGaps;
    }

    /** Plays every script to its end and scores it; prints the summary. */
    static RepScriptCalls play(List<RepScript> scripts, Set<String> knownGaps) {
        RepScriptCalls calls = new RepScriptCalls(knownGaps);
        ShippedLibrary library = ShippedLibrary.get();
        for (RepScript s : scripts) {
            Engine engine = library.engine(s.scenario());
            Transcript t = Transcript.replayAndEnd(engine, s.lines(), 1);
            calls.played.add(new Played(s, t, library.scorer.score(engine, t)));
        }
        System.out.print(calls.summary());
        return calls;
    }

    /** Every turn answered with the scenario's no-match fallback, as "script turn n: line [moves]". */
    List<String> fallbacks() {
        List<String> out = new ArrayList<>();
        for (Played p : played) {
            for (Turn t : p.transcript().turns()) {
                if (t.answered().equals(Engine.NO_MATCH)) {
                    out.add(p.script().name() + " turn " + t.number() + ": \"" + t.rep() + "\" " + t.moves());
                }
            }
        }
        return out;
    }

    long turns() {
        return played.stream().mapToLong(p -> p.transcript().turns().size()).sum();
    }

    void assertFallbackShareUnder(double max) {
        List<String> fallbacks = fallbacks();
        double share = (double) fallbacks.size() / turns();
        assertThat(share).as("fallback replies: %d of %d turns (%.1f%%):%n%s", fallbacks.size(), turns(), 100 * share,
                String.join("\n", fallbacks)).isLessThan(max);
    }

    /**
     * The kind's mean against each compared kind's, over all scenarios and per scenario; a per-scenario failure must
     * be a known gap, and a known gap must still fail.
     */
    void ordering(String what, String kind, Set<String> against, ToDoubleFunction<Played> score, boolean above) {
        double mine = mean(played.stream().filter(p -> p.script().kind().equals(kind)).toList(), score);
        for (String other : against) {
            List<Played> theirs = played.stream().filter(p -> p.script().kind().equals(other)).toList();
            if (other.equals(kind) || theirs.isEmpty()) {
                continue;
            }
            double o = mean(theirs, score);
            assertThat(above ? mine > o : mine < o).as("all scenarios: %s: %s %.1f against %s %.1f", what, kind,
                    mine, other, o).isTrue();
        }
        Map<String, Map<String, List<Played>>> all = grouped();
        assertThat(all).isNotEmpty();
        all.forEach((scenario, byKind) -> {
            assertThat(byKind).as(scenario + " has " + kind + " scripts").containsKey(kind);
            double m = mean(byKind.get(kind), score);
            boolean holds = byKind.entrySet().stream().filter(e -> !e.getKey().equals(kind)
                            && against.contains(e.getKey()))
                    .allMatch(e -> above ? m > mean(e.getValue(), score) : m < mean(e.getValue(), score));
            String gap = scenario + ": " + what;
            assertThat(holds).as("%s (%s %.1f; others %s)%s", gap, kind, m, byKind.entrySet().stream()
                            .filter(e -> against.contains(e.getKey())).map(e -> e.getKey() + " "
                                    + String.format(Locale.ROOT, "%.1f", mean(e.getValue(), score))).toList(),
                    knownGaps.contains(gap) ? ": a known gap that now holds, remove it from the known gaps" : "")
                    .isEqualTo(!knownGaps.contains(gap));
        });
    }

    private Map<String, Map<String, List<Played>>> grouped() {
        Map<String, Map<String, List<Played>>> out = new TreeMap<>();
        for (Played p : played) {
            out.computeIfAbsent(p.script().scenario(), k -> new TreeMap<>())
                    .computeIfAbsent(p.script().kind(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static double mean(List<Played> list, ToDoubleFunction<Played> f) {
        return list.stream().mapToDouble(f).average().orElseThrow();
    }

    /** Per scenario and kind: scripts, mean overall, timing and pressure, passes; and the fallback share. */
    String summary() {
        StringBuilder b = new StringBuilder("Rep scripts played (mean overall / timing / pressure, passed):\n");
        grouped().forEach((scenario, byKind) -> {
            b.append(scenario).append('\n');
            byKind.forEach((kind, list) -> b.append(String.format(Locale.ROOT, "  %-12s n=%d  %5.1f / %5.1f / %5.1f  "
                            + "passed %d%n", kind, list.size(), mean(list, OVERALL), mean(list, TIMING),
                    mean(list, PRESSURE), list.stream().filter(p -> p.report().passed()).count())));
        });
        b.append(String.format(Locale.ROOT, "fallback replies: %d of %d turns (%.1f%%)%n", fallbacks().size(), turns(),
                100.0 * fallbacks().size() / turns()));
        return b.toString();
    }
}
