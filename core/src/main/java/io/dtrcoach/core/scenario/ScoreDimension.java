package io.dtrcoach.core.scenario;

import java.util.Arrays;
import java.util.List;

/** The dimensions a conversation is scored on, in report order, each with its weight in the default rubric. */
public enum ScoreDimension {
    TIMING("timing", 0.30),
    PRESSURE("pressure", 0.30),
    AUTONOMY("autonomy", 0.15),
    LISTENING("listening", 0.10),
    OUTCOME("outcome", 0.15);

    private static final List<String> IDS = Arrays.stream(values()).map(ScoreDimension::id).toList();

    private final String id;
    private final double defaultWeight;

    ScoreDimension(String id, double defaultWeight) {
        this.id = id;
        this.defaultWeight = defaultWeight;
    }

    /** The name in scenario files, reports and overrides. */
    public String id() {
        return id;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** Every dimension's id, in report order. */
    public static List<String> ids() {
        return IDS;
    }
}
