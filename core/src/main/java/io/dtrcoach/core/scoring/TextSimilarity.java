package io.dtrcoach.core.scoring;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.HashSet;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/** How alike two lines are, in [0, 1] (cosine may dip below 0); used to pick the coaching line closest to the rep's. */
@FunctionalInterface
public interface TextSimilarity extends ToDoubleBiFunction<String, String> {

    /** Jaccard overlap of lower-cased words: no model, instant, good enough to rank a handful of lines. */
    static TextSimilarity words() {
        return (a, b) -> {
            Set<String> x = new HashSet<>(Words.tokens(a));
            Set<String> y = new HashSet<>(Words.tokens(b));
            if (x.isEmpty() && y.isEmpty()) {
                return 0;
            }
            Set<String> both = new HashSet<>(x);
            both.retainAll(y);
            Set<String> either = new HashSet<>(x);
            either.addAll(y);
            return (double) both.size() / either.size();
        };
    }

    /** Cosine similarity of sentence embeddings (the in-process MiniLM): ranks by meaning, not shared words. */
    static TextSimilarity embeddings(TextEmbedder embedder) {
        return (a, b) -> TextEmbedder.cosine(embedder.embed(a), embedder.embed(b));
    }
}
