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

    /** The shipped model without the cache: every call runs the model. For benchmarks that must time the model. */
    public static TextEmbedder uncached() {
        return uncached(SingleThreadMiniLm.shared());
    }

    public static TextEmbedder uncached(EmbeddingModel model) {
        return new TextEmbedder(model, 0);
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

    /**
     * The dot product, which for unit vectors is the cosine. Eight running float sums: one sum is a chain of
     * dependent additions the CPU cannot overlap, and the classifier compares every line with every example (a
     * quarter of the server's CPU under load; measured 1.4 times faster than four double sums). No fused
     * multiply-add: on a CPU without the instruction Java computes it in software, many times slower. The result
     * differs from a double sum by about 1e-7 on unit vectors, far below any threshold the callers use; it never
     * differs between runs.
     */
    public static double cosine(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
