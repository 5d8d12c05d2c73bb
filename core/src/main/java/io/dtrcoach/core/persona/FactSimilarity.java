package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Words;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reply guard's check of meaning: a sentence of a reply that says what a locked fact says, in other words than
 * its keywords ("my boss wants me to shop your quote around before our current provider renews"), is a leak. Each
 * sentence (read {@link Words#plain plain}: invisible characters and compatibility forms folded) is embedded with
 * the in-process model and compared, by cosine, with each sentence of each locked fact's text; the best of those, less
 * half its best likeness to what is already public (the brief, the persona's background, the facts already revealed),
 * is the sentence's score, and at or above {@link #THRESHOLD} it is rejected like a keyword.
 *
 * <p>The reference texts and the threshold were chosen on a labelled development set of leaking and innocent replies
 * ({@code leaks/l1.tsv} in core's test resources, by {@code LeakThresholdSweep}); the figures on the held-out set
 * ({@code leaks/l2.tsv}) are in {@code docs/security.md}. Blocking (it runs the model): call it off the event loop.
 * Thread-safe.
 */
public final class FactSimilarity {
    /** Chosen on l1 (LeakThresholdSweep); {@code LeakSetTest} asserts the l2 figures at this value. */
    public static final double THRESHOLD = 0.16;
    /** Chosen on l1 with the threshold: what each fact is compared with. */
    public static final Basis BASIS = Basis.TEXT_SENTENCES_OVER_PUBLIC;
    /** How much of a sentence's likeness to what is already public is taken off its likeness to a locked fact. */
    static final double PUBLIC_WEIGHT = 0.5;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026][\"'\u201D\u2019)\\]]{0,2})\\s+|\\n+");

    private final Scenario scenario;
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
        TEXT_AND_HINT_SENTENCES,
        /**
         * Each sentence of the fact's text, less {@link #PUBLIC_WEIGHT} times the sentence's best likeness to what the
         * model may already say: the brief's situation, the persona's {@code llm} background and personality, and the
         * facts already revealed (text and hint). A reply about the deal in general or about a revealed fact is like a
         * locked fact too, but more like those.
         */
        TEXT_SENTENCES_OVER_PUBLIC
    }

    /** A sentence that says what a locked fact says. */
    public record Hit(String factId, String sentence, double score) {
    }

    private FactSimilarity(Scenario scenario, TextEmbedder embedder, Basis basis, double threshold) {
        this.scenario = scenario;
        this.embedder = embedder;
        this.basis = basis;
        this.threshold = threshold;
    }

    public static FactSimilarity create(Scenario scenario, TextEmbedder embedder) {
        return new FactSimilarity(scenario, embedder, BASIS, THRESHOLD);
    }

    /** Another basis or threshold: for the sweep that chooses them. */
    static FactSimilarity create(Scenario scenario, TextEmbedder embedder, Basis basis, double threshold) {
        return new FactSimilarity(scenario, embedder, basis, threshold);
    }

    public double threshold() {
        return threshold;
    }

    /** The first fact not in {@code revealed} that the sentence says, if any. */
    public Optional<Hit> leak(String sentence, Collection<String> revealed) {
        List<Fact> locked = scenario.facts().stream().filter(f -> !revealed.contains(f.id())).toList();
        if (locked.isEmpty() || Words.of(sentence).isEmpty()) {
            return Optional.empty();
        }
        float[] v = embedder.embed(Words.plain(sentence));
        double known = basis == Basis.TEXT_SENTENCES_OVER_PUBLIC ? PUBLIC_WEIGHT * best(v, publicTexts(revealed)) : 0;
        for (Fact f : locked) {
            double score = best(v, references(f)) - known;
            if (score >= threshold) {
                return Optional.of(new Hit(f.id(), sentence, score));
            }
        }
        return Optional.empty();
    }

    /** The sentence's score against the fact (compared with the threshold), the facts in {@code revealed} public. */
    public double score(String sentence, Fact fact, Collection<String> revealed) {
        float[] v = embedder.embed(Words.plain(sentence));
        double known = basis == Basis.TEXT_SENTENCES_OVER_PUBLIC ? PUBLIC_WEIGHT * best(v, publicTexts(revealed)) : 0;
        return best(v, references(fact)) - known;
    }

    private double best(float[] v, List<String> texts) {
        double best = texts.isEmpty() ? 0 : -1;
        for (String t : texts) {
            best = Math.max(best, TextEmbedder.cosine(v, embedder.embed(t)));
        }
        return best;
    }

    private List<String> references(Fact fact) {
        List<String> out = new ArrayList<>();
        boolean whole = basis == Basis.TEXT || basis == Basis.TEXT_AND_HINT;
        out.addAll(whole ? List.of(fact.text()) : sentences(fact.text()));
        if (basis == Basis.TEXT_AND_HINT || basis == Basis.TEXT_AND_HINT_SENTENCES) {
            fact.llmHint().filter(h -> !h.isBlank()).ifPresent(h -> out.addAll(whole ? List.of(h) : sentences(h)));
        }
        return out;
    }

    private List<String> publicTexts(Collection<String> revealed) {
        List<String> out = new ArrayList<>();
        if (scenario.brief().situation() != null) {
            out.addAll(sentences(scenario.brief().situation()));
        }
        scenario.llm().ifPresent(l -> {
            out.addAll(sentences(l.background()));
            out.addAll(sentences(l.personality()));
        });
        for (Fact f : scenario.facts()) {
            if (revealed.contains(f.id())) {
                out.addAll(sentences(f.text()));
                f.llmHint().ifPresent(h -> out.addAll(sentences(h)));
            }
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
