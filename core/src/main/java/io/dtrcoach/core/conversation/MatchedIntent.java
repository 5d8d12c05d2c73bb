package io.dtrcoach.core.conversation;

/**
 * A scenario intent that matched the rep's line.
 *
 * @param similarity the best cosine similarity to one of its examples (1.0 for a keyword hit)
 * @param via        {@code keyword} or {@code embedding}
 */
public record MatchedIntent(String id, double similarity, String via) {
}
