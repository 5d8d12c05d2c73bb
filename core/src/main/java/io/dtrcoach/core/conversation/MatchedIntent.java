package io.dtrcoach.core.conversation;

/**
 * A scenario intent that matched the rep's line.
 *
 * @param similarity the best cosine similarity to one of its examples (1.0 for a keyword hit)
 * @param via        {@code keyword}, {@code embedding} (at or above the intent's threshold) or {@code closest}
 *                   (clearly the nearest intent, see {@link io.dtrcoach.core.scenario.Intent})
 */
public record MatchedIntent(String id, double similarity, String via) {
}
