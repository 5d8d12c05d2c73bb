package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * A topic of one scenario that the rep's line can match (never a shared move). Matches when a keyword (or phrase)
 * occurs on word boundaries, case-insensitively, or when the line's embedding is at least {@code threshold}
 * cosine-similar to an example, or by the nearest-intent rule: the line is at most {@link #CLOSEST_SLACK} below the
 * threshold, {@link #CLOSEST_MARGIN} nearer to this intent than to every other intent of the scenario and
 * {@link #GENERIC_MARGIN} nearer to it than to every generic rep line; strict intents (threshold
 * {@link #CLOSEST_MAX_THRESHOLD} or more) match only at their threshold. See
 * {@link io.dtrcoach.core.conversation.IntentMatcher}.
 */
public record Intent(String id, List<String> examples, List<String> keywords, double threshold, String description,
                     Location location) {
    /** Paraphrases in this domain score about 0.5–0.65 with all-MiniLM-L6-v2; unrelated lines under 0.35. */
    public static final double DEFAULT_THRESHOLD = 0.55;
    /** The nearest intent may match this far below its own threshold (0.42 for the default threshold). */
    public static final double CLOSEST_SLACK = 0.13;
    /** …when it is at least this much nearer than any other intent of the scenario… */
    public static final double CLOSEST_MARGIN = 0.08;
    /** …and at least this much nearer than any generic rep line (small talk, pitches, asks, pressure, admin). */
    public static final double GENERIC_MARGIN = 0.03;
    /** Intents this strict or stricter match only at their threshold. */
    public static final double CLOSEST_MAX_THRESHOLD = 0.70;

    public Intent {
        examples = List.copyOf(examples);
        keywords = List.copyOf(keywords);
    }

    public Intent(String id, List<String> examples, List<String> keywords, double threshold, Location location) {
        this(id, examples, keywords, threshold, "", location);
    }
}
