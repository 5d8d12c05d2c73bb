package io.dtrcoach.core.embed;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * Sentence embeddings from the in-process all-MiniLM-L6-v2 (quantized) model, normalised to unit length so
 * that a dot product is the cosine similarity. Thread-safe; caches recent texts so that the same line is
 * never embedded twice (examples shared by scenarios, a rep repeating themselves, replays).
 */
public final class TextEmbedder {
    private final EmbeddingModel model;
    private final Cache<String, float[]> cache;

    private TextEmbedder(EmbeddingModel model, long cacheSize) {
        this.model = model;
        this.cache = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The model shipped in the jar, in a single-threaded ONNX session; nothing is downloaded. The first call in a
     * process loads it (about a second); share one instance, so that its cache is shared too.
     */
    public static TextEmbedder create() {
        return new TextEmbedder(SingleThreadMiniLm.shared(), 50_000);
    }

    public static TextEmbedder create(EmbeddingModel model) {
        return new TextEmbedder(model, 50_000);
    }

    /** A unit vector for the text (lower-cased and trimmed first, so case does not change a match). */
    public float[] embed(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        // A loading get: requests embedding the same new line at once wait for one embedding instead of each running
        // the model; other lines are not held up.
        try {
            return cache.get(key, () -> normalise(model.embed(key).content().vector()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed", e.getCause());
        } catch (UncheckedExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
