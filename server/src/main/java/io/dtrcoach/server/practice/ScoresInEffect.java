package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
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
 *   <li>{@code passed}: the overall in effect against the report's pass mark, and a success ending reached.</li>
 * </ul>
 * The list of sessions, the CSV export and the rep's history show these (they are stored with the session whenever an
 * override is made), so every page agrees with the report.
 *
 * @param scores            dimension name (and {@code overall}) → score in effect
 * @param passed            the overall in effect is at or above the pass mark
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
        static Change of(ScoreOverride o) {
            return new Change(o.dimension(), o.score());
        }
    }

    /** @param overrides oldest first */
    public static ScoresInEffect of(JsonNode report, List<Change> overrides) {
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
            Double weighted = weightedSum(report.path("dimensions"), scores);
            if (weighted != null) {
                scores.put(OVERALL, (int) Math.max(0, Math.min(100, Math.round(weighted))));
                recomputed = true;
            }
        }
        // No pass without a success ending, whatever the mark (reports made before that rule count as a success).
        boolean success = report.path("outcome").path("success").asBoolean(true);
        boolean passed = report.path("pass").isNumber()
                ? io.dtrcoach.core.scoring.Scorer.passes(scores.getOrDefault(OVERALL, 0), report.path("pass").asInt(),
                success)
                : report.path("passed").asBoolean(false);
        return new ScoresInEffect(scores, passed, recomputed);
    }

    /** The report's own scores: {@code overall} and each dimension's. */
    public static Map<String, Integer> computed(JsonNode report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (report.path(OVERALL).isNumber()) {
            out.put(OVERALL, (int) Math.round(report.path(OVERALL).asDouble()));
        }
        JsonNode dims = report.path("dimensions");
        for (Iterator<Map.Entry<String, JsonNode>> it = dims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (d.getValue().path("score").isNumber()) {
                out.put(d.getKey(), (int) Math.round(d.getValue().path("score").asDouble()));
            }
        }
        return out;
    }

    /** Σ weight × score over the report's dimensions, or null when a dimension's weight is missing. */
    private static Double weightedSum(JsonNode dimensions, Map<String, Integer> scores) {
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (!d.getValue().path("weight").isNumber() || !scores.containsKey(d.getKey())) {
                return null;
            }
            sum += d.getValue().path("weight").asDouble() * scores.get(d.getKey());
        }
        return sum;
    }
}
