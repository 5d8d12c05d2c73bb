package io.dtrcoach.core.scenario;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for a misspelt key, id or name. */
final class Suggestions {
    private static final int MAX_DISTANCE = 3;
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(MAX_DISTANCE);

    private Suggestions() {
    }

    /** The closest candidate within a small edit distance (scaled to the word's length). */
    static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() > 100) {
            return Optional.empty();
        }
        int allowed = word.length() <= 3 ? 1 : Math.max(2, Math.min(MAX_DISTANCE, word.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = DISTANCE.apply(word.toLowerCase(), candidate.toLowerCase());
            if (d >= 0 && d <= allowed && (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'xyz'?)" or "". */
    static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }
}
