package io.dtrcoach.core.scenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Score weights per dimension (timing, pressure, autonomy, listening, outcome) and the pass mark (0–100). */
public record Rubric(Map<String, Double> weights, int pass) {
    /** The scored dimensions, in report order. */
    public static final List<String> DIMENSIONS = ScoreDimension.ids();
    public static final Map<String, Double> DEFAULT_WEIGHTS = Collections2.orderedCopy(Arrays.stream(
            ScoreDimension.values()).collect(Collectors.toMap(ScoreDimension::id, ScoreDimension::defaultWeight,
            (a, b) -> a, LinkedHashMap::new)));
    public static final int DEFAULT_PASS = 70;

    public Rubric {
        weights = Collections2.orderedCopy(weights);
    }

    public static Rubric defaults() {
        return new Rubric(DEFAULT_WEIGHTS, DEFAULT_PASS);
    }
}
