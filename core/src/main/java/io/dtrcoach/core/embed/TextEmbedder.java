package io.dtrcoach.core.embed;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentence embeddings from the in-process all-MiniLM-L6-v2 (quantized) model, normalised to unit length so
 * that a dot product is the cosine similarity. Thread-safe; caches recent texts so that the same line is
 * never embedded twice (examples shared by scenarios, a rep repeating themselves, replays).
 *
 * <p>Three views of a text: {@link #embed} (the sentence embedding, for intent matching and coaching),
 * {@link #embedEarly} (the model's early layers at unit length) and {@link #embedLayers} (every layer's mean, what the
 * move classifier reads; see {@link SingleThreadMiniLm}). Embedding a text caches all of them from the one pass, so the
 * classifier reads a line the intent matcher has just embedded for free.
 */
public final class TextEmbedder {
    /** The cache's bound, in vectors of 384 floats (a text with every view counts eight): about 77 MB at most. */
    private static final long CACHED_VECTORS = 50_000;
    private static final int DIMENSION = 384;

    /**
     * A text's vectors; {@code last} is null when only the early layers ran, {@code layers} then holds the early
     * layers' means only.
     */
    private record Vectors(float[] early, float[] last, float[] layers) {
        int weight() {
            return 1 + (last == null ? 0 : 1) + (layers == null ? 0 : layers.length / DIMENSION);
        }
    }

    /** The threads {@link #warm} hands passes to: one fewer than the cores (none on one core), daemons, made once. */
    private static final ExecutorService WARMERS = warmers();

    private static ExecutorService warmers() {
        int n = Runtime.getRuntime().availableProcessors() - 1;
        if (n < 1) {
            return null;
        }
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "dtr-embed-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private final EmbeddingModel model;
    /** The shipped model's sessions, or null for any other model (whose one vector then serves as both). */
    private final SingleThreadMiniLm miniLm;
    private final Cache<String, Vectors> cache;
    /** False for the benchmarks' uncached embedder, where {@link #warm} would only run every pass twice. */
    private final boolean caching;

    private TextEmbedder(EmbeddingModel model, long cachedVectors) {
        this.model = model;
        this.caching = cachedVectors > 0;
        this.miniLm = model instanceof SingleThreadMiniLm m ? m : null;
        this.cache = CacheBuilder.newBuilder().maximumWeight(cachedVectors)
                .<String, Vectors>weigher((text, v) -> v.weight()).build();
    }

    /**
     * The model shipped in the jar, in a single-threaded ONNX session; nothing is downloaded. The first call in a
     * process loads it (about a second); share one instance, so that its cache is shared too.
     */
    public static TextEmbedder create() {
        return new TextEmbedder(SingleThreadMiniLm.shared(), CACHED_VECTORS);
    }

    /** Any other model (tests): its one vector serves as both the sentence and the early vector. */
    public static TextEmbedder create(EmbeddingModel model) {
        return new TextEmbedder(model, CACHED_VECTORS);
    }

    /** The shipped model without the cache: every call runs the model. For benchmarks that must time the model. */
    public static TextEmbedder uncached() {
        return uncached(SingleThreadMiniLm.shared());
    }

    public static TextEmbedder uncached(EmbeddingModel model) {
        return new TextEmbedder(model, 0);
    }

    /**
     * The sentence embedding: a unit vector for the text (lower-cased and trimmed first, so case does not change a
     * match).
     */
    public float[] embed(String text) {
        String key = key(text);
        Vectors v = load(key, () -> both(key));
        if (v.last() == null) { // only the early vector was cached: one pass for both
            v = both(key);
            cache.put(key, v);
        }
        return v.last();
    }

    /**
     * The early-layer vector of the text, for the move classifier: unit length, cased and trimmed as {@link #embed}.
     * From the cache when the text was embedded either way, otherwise from the early layers alone.
     */
    public float[] embedEarly(String text) {
        if (miniLm == null) {
            return embed(text);
        }
        String key = key(text);
        return load(key, () -> early(key)).early();
    }

    /**
     * The mean of every token's output of each of the model's six layers, in order (6 × 384 floats, not normalised):
     * what the move classifier reads. From the cache when the text had a full pass, otherwise one pass.
     */
    public float[] embedLayers(String text) {
        requireShippedModel();
        String key = key(text);
        Vectors v = load(key, () -> both(key));
        if (v.last() == null) {
            v = both(key);
            cache.put(key, v);
        }
        return v.layers();
    }

    /**
     * The same for the first {@code n} layers only ({@code n} at most the early layers', 3): from the cache when the text
     * was embedded either way, otherwise from the early layers alone, about half the model's work.
     */
    public float[] embedFirstLayers(String text, int n) {
        requireShippedModel();
        if (n < 1 || n > SingleThreadMiniLm.EARLY_LAYERS) {
            throw new IllegalArgumentException("the early session holds " + SingleThreadMiniLm.EARLY_LAYERS
                    + " layers, not " + n);
        }
        String key = key(text);
        return java.util.Arrays.copyOf(load(key, () -> early(key)).layers(), n * DIMENSION);
    }

    /**
     * Runs the model for the texts not yet cached (each as {@link #embed} would), several at once: the calling thread
     * takes one and the embedder's own threads (one fewer than the machine's cores) the others, and it returns when all
     * are cached. A turn of two sentences is three model passes (each sentence and the whole); one after the other they
     * are most of the turn's latency, side by side on an idle machine about half of it. The CPU spent is the same. On a
     * busy machine the other threads wait for a core like any other work, so nothing is lost but a queue hop. Does
     * nothing on one core or without a cache.
     */
    public void warm(Collection<String> texts) {
        Set<String> keys = new LinkedHashSet<>();
        for (String text : texts) {
            String key = key(text);
            Vectors cached = key.isEmpty() ? null : cache.getIfPresent(key);
            if (!key.isEmpty() && (cached == null || cached.last() == null)) {
                keys.add(key);
            }
        }
        if (keys.size() < 2 || WARMERS == null || !caching) {
            return; // one pass or none: the caller's own embed() runs it where it is
        }
        Iterator<String> it = keys.iterator();
        String first = it.next();
        List<Future<?>> others = new ArrayList<>();
        while (it.hasNext()) {
            String key = it.next();
            others.add(WARMERS.submit(() -> embed(key)));
        }
        embed(first);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("embedding failed", e.getCause());
            }
        }
    }

    private void requireShippedModel() {
        if (miniLm == null) {
            throw new IllegalStateException("layer vectors come from the shipped MiniLM model only");
        }
    }

    private Vectors early(String key) {
        SingleThreadMiniLm.Vectors v = miniLm.early(key);
        return new Vectors(normalise(v.early()), null, v.layers());
    }

    /**
     * What is embedded and cached for a text: trimmed, lower-cased, typographic quotes made plain. A phone's
     * keyboard types "don’t", the examples say "don't": the model's tokenizer splits the two differently, and the
     * classifier (which reads plain quotes) and the intent matcher would otherwise each run the model on their own
     * spelling of the same sentence.
     */
    private static String key(String text) {
        return plainQuotes(text.strip().toLowerCase(Locale.ROOT));
    }

    /** Typographic quotes (‘ ’ “ ”) made plain (' and "): how every part of the judgement reads a rep's text. */
    public static String plainQuotes(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201C', '"').replace('\u201D', '"');
    }

    private Vectors both(String key) {
        if (miniLm == null) {
            float[] v = normalise(model.embed(key).content().vector());
            return new Vectors(v, v, null);
        }
        SingleThreadMiniLm.Vectors v = miniLm.both(key);
        return new Vectors(normalise(v.early()), normalise(v.last()), v.layers());
    }

    /**
     * A loading get: requests embedding the same new line at once wait for one embedding instead of each running the
     * model; other lines are not held up.
     */
    private Vectors load(String key, java.util.concurrent.Callable<Vectors> loader) {
        try {
            return cache.get(key, loader);
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
