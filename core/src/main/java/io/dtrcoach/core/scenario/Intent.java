package io.dtrcoach.core.scenario;

import java.util.List;

/**
 * A reusable matcher for what the rep says. Matches when a keyword (or phrase) occurs on word boundaries,
 * case-insensitively, or when the line's embedding is at least {@code threshold} cosine-similar to an example.
 */
public record Intent(String id, List<String> examples, List<String> keywords, double threshold, Location location) {
    public static final double DEFAULT_THRESHOLD = 0.72;

    public Intent {
        examples = List.copyOf(examples);
        keywords = List.copyOf(keywords);
    }
}
