package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;

/** Score weights per dimension (timing, pressure, autonomy, listening, outcome) and the pass mark (0–100). */
public record Rubric(Map<String, Double> weights, int pass) {
    /** The scored dimensions, in report order. */
    public static final List<String> DIMENSIONS = List.of("timing", "pressure", "autonomy", "listening", "outcome");
    public static final Map<String, Double> DEFAULT_WEIGHTS = Map.of(
            "timing", 0.30, "pressure", 0.30, "autonomy", 0.15, "listening", 0.10, "outcome", 0.15);
    public static final int DEFAULT_PASS = 70;

    public Rubric {
        weights = Collections2.orderedCopy(weights);
    }

    public static Rubric defaults() {
        return new Rubric(DEFAULT_WEIGHTS, DEFAULT_PASS);
    }
}
