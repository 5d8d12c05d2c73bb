package io.dtrcoach.core.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores a session has after its reviewers' overrides; the computed report itself is never changed.
 * <ul>
 *   <li>a dimension: its latest override, else its computed score;</li>
 *   <li>{@code overall}: its latest override if a reviewer set it; otherwise, once any dimension is overridden, the
 *   rubric's weighted sum of the dimensions in effect (the weights stored with each dimension, rounded as the scorer
 *   rounds); otherwise the computed overall;</li>
 *   <li>{@code passed}: the overall in effect against the report's pass mark, and a success ending reached
 *   ({@link Scorer#passes}).</li>
 * </ul>
 * The list of sessions, the CSV export and the rep's history show these (they are stored with the session whenever an
 * override is made), so every page agrees with the report.
 *
 * @param scores            dimension name (and {@code overall}) → score in effect
 * @param passed            the overall in effect is at or above the pass mark, with a success ending
 * @param overallRecomputed the overall was recomputed from overridden dimensions (not set by a reviewer)
 */
public record ScoresInEffect(Map<String, Integer> scores, boolean passed, boolean overallRecomputed) {
    public static final String OVERALL = "overall";

    public ScoresInEffect {
        scores = Map.copyOf(scores);
    }

    public int overall() {
        return scores.get(OVERALL);
    }

    /** One override: the dimension (or {@code overall}) and the score a reviewer gave it. */
    public record Change(String dimension, int score) {
    }

    /** @param overrides oldest first; one naming no dimension of the report is ignored */
    public static ScoresInEffect of(Report report, List<Change> overrides) {
        Map<String, Integer> scores = computed(report);
        Map<String, Integer> dimensionOverrides = new LinkedHashMap<>();
        Integer overallOverride = null;
        for (Change o : overrides) {
            if (o.dimension().equals(OVERALL)) {
                overallOverride = o.score();
            } else if (scores.containsKey(o.dimension())) {
                dimensionOverrides.put(o.dimension(), o.score());
            }
        }
        scores.putAll(dimensionOverrides);
        boolean recomputed = false;
        if (overallOverride != null) {
            scores.put(OVERALL, overallOverride);
        } else if (!dimensionOverrides.isEmpty()) {
            scores.put(OVERALL, (int) Math.max(0, Math.min(100, Math.round(weightedSum(report, scores)))));
            recomputed = true;
        }
        boolean passed = Scorer.passes(scores.get(OVERALL), report.pass(), report.outcome().success());
        return new ScoresInEffect(scores, passed, recomputed);
    }

    /** The report's own scores: {@code overall} and each dimension's, in the report's order. */
    public static Map<String, Integer> computed(Report report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put(OVERALL, report.overall());
        report.dimensions().forEach((name, d) -> out.put(name, d.score()));
        return out;
    }

    /** Σ weight × score in effect over the report's dimensions. */
    private static double weightedSum(Report report, Map<String, Integer> scores) {
        double sum = 0;
        for (Map.Entry<String, Dimension> d : report.dimensions().entrySet()) {
            sum += d.getValue().weight() * scores.get(d.getKey());
        }
        return sum;
    }
}
