package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * A reusable matcher for what the rep says. Matches when a keyword (or phrase) occurs on word boundaries,
 * case-insensitively, or when the line's embedding is at least {@code threshold} cosine-similar to an example,
 * or when it is clearly the closest intent: at most {@link #CLOSEST_SLACK} below its threshold and
 * {@link #CLOSEST_MARGIN} above every other intent of the scenario.
 */
public record Intent(String id, List<String> examples, List<String> keywords, double threshold, String description,
                     Location location) {
    /** Paraphrases in this domain score about 0.5–0.65 with all-MiniLM-L6-v2; unrelated lines under 0.35. */
    public static final double DEFAULT_THRESHOLD = 0.55;
    /** The closest intent may match this far below its own threshold (0.42 for the default threshold). */
    public static final double CLOSEST_SLACK = 0.13;
    public static final double CLOSEST_MARGIN = 0.08;

    public Intent {
        examples = List.copyOf(examples);
        keywords = List.copyOf(keywords);
    }

    public Intent(String id, List<String> examples, List<String> keywords, double threshold, Location location) {
        this(id, examples, keywords, threshold, "", location);
    }
}
