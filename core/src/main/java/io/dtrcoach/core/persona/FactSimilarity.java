package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.FactMentions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reply guard's check of meaning: a sentence of a reply that says what a locked fact says, in other words than
 * its keywords ("my boss wants me to shop your quote around before our current provider renews"), is a leak. Each
 * sentence (read {@link FactMentions#plain plain}: invisible characters and compatibility forms folded) is embedded with
 * the in-process model and compared, by cosine, with each locked fact's reference texts; at or above
 * {@link #THRESHOLD} it is rejected like a keyword.
 *
 * <p>The reference texts and the threshold were chosen on a labelled development set of leaking and innocent replies
 * ({@code leaks/l1.tsv} in core's test resources, by {@code LeakThresholdSweep}); the figures on the held-out set
 * ({@code leaks/l2.tsv}) are in {@code docs/security.md}. Blocking (it runs the model): call it off the event loop.
 * Thread-safe.
 */
public final class FactSimilarity {
    /** Chosen on l1 (LeakThresholdSweep); {@code LeakSetTest} asserts the l2 figures at this value. */
    public static final double THRESHOLD = 0.55;
    /** Chosen on l1 with the threshold: what each fact is compared with. */
    public static final Basis BASIS = Basis.TEXT_SENTENCES;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026][\"'\u201D\u2019)\\]]{0,2})\\s+|\\n+");

    private final TextEmbedder embedder;
    private final Basis basis;
    private final double threshold;

    /** What a sentence of a reply is compared with, per fact (the best cosine counts). */
    public enum Basis {
        /** The fact's text, whole. */
        TEXT,
        /** Each sentence of the fact's text. */
        TEXT_SENTENCES,
        /** The fact's text, whole, and its {@code llm_hint}. */
        TEXT_AND_HINT,
        /** Each sentence of the fact's text and of its {@code llm_hint}. */
        TEXT_AND_HINT_SENTENCES
    }

    /** A sentence that says what a locked fact says. */
    public record Hit(String factId, String sentence, double score) {
    }

    private FactSimilarity(TextEmbedder embedder, Basis basis, double threshold) {
        this.embedder = embedder;
        this.basis = basis;
        this.threshold = threshold;
    }

    public static FactSimilarity create(TextEmbedder embedder) {
        return new FactSimilarity(embedder, BASIS, THRESHOLD);
    }

    /** Another basis or threshold: for the sweep that chooses them. */
    static FactSimilarity create(TextEmbedder embedder, Basis basis, double threshold) {
        return new FactSimilarity(embedder, basis, threshold);
    }

    public double threshold() {
        return threshold;
    }

    /** The first locked fact the sentence says, if any. */
    public Optional<Hit> leak(String sentence, Collection<Fact> locked) {
        if (locked.isEmpty() || FactMentions.words(sentence).isEmpty()) {
            return Optional.empty();
        }
        float[] v = embedder.embed(FactMentions.plain(sentence));
        for (Fact f : locked) {
            double score = score(v, f);
            if (score >= threshold) {
                return Optional.of(new Hit(f.id(), sentence, score));
            }
        }
        return Optional.empty();
    }

    /** The sentence's similarity to the fact: the best cosine over the fact's reference texts. */
    public double score(String sentence, Fact fact) {
        return score(embedder.embed(FactMentions.plain(sentence)), fact);
    }

    private double score(float[] v, Fact fact) {
        double best = -1;
        for (String ref : references(fact)) {
            best = Math.max(best, TextEmbedder.cosine(v, embedder.embed(ref)));
        }
        return best;
    }

    private List<String> references(Fact fact) {
        List<String> out = new ArrayList<>();
        boolean split = basis == Basis.TEXT_SENTENCES || basis == Basis.TEXT_AND_HINT_SENTENCES;
        out.addAll(split ? sentences(fact.text()) : List.of(fact.text()));
        if (basis == Basis.TEXT_AND_HINT || basis == Basis.TEXT_AND_HINT_SENTENCES) {
            fact.llmHint().filter(h -> !h.isBlank()).ifPresent(h -> out.addAll(split ? sentences(h) : List.of(h)));
        }
        return out;
    }

    /** The text's sentences, trimmed, blank ones dropped: split after . ! ? or … (and closing quotes) and at line breaks. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
