package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the move model reads of a line. A turn is judged sentence by sentence and as a whole: each sentence gets a
 * feature row, and a turn of several sentences one more row for the whole (the mean of its sentences' rows). A row
 * holds the sentence's MiniLM vectors (the early layers' mean and, when {@link Kind#EARLY_AND_LAST}, the finished
 * sentence embedding), a few syntax cues the embeddings blur (question mark, wh- or auxiliary opening, tag question,
 * "or", length, dates) and, when asked, the phrase rules' verdicts. Stateless; thread-safe when the embedder is.
 */
public final class MoveFeatures {
    /**
     * Which vectors a row holds (the comparison is recorded in docs/classifier.md): the early layers' sentence vector,
     * the finished sentence embedding, both, the means of the first three layers, or the means of all six.
     */
    public enum Kind {
        EARLY(384), LAST(384), EARLY_AND_LAST(768), FIRST_THREE_LAYERS(3 * 384), ALL_LAYERS(6 * 384);

        final int size;

        Kind(int size) {
            this.size = size;
        }
    }

    /** At most this many sentences of one turn are read (a turn is one to four sentences in practice). */
    static final int MAX_SENTENCES = 8;
    static final int SYNTAX = 9;
    private static final MoveLabel[] LABELS = MoveLabel.values();
    private static final Set<String> WH = Set.of("what", "what's", "whats", "how", "how's", "hows", "why", "where",
            "where's", "when", "which", "who", "who's", "whom", "whose");
    private static final Set<String> AUX = Set.of("is", "isn't", "are", "aren't", "was", "wasn't", "were",
            "weren't", "do", "does", "did", "don't", "doesn't", "didn't", "have", "has", "had", "can", "can't",
            "could", "couldn't", "would", "wouldn't", "will", "won't", "should", "shouldn't", "shall", "may", "might",
            "am");
    private static final Pattern OPENER = Pattern.compile("^(?:(?:so|and|but|okay|ok|well|honestly|look|also|just|"
            + "right|now|then|hey|hi|um|uh)\\b[,:]?\\s+)+");
    private static final Pattern TAG = Pattern.compile("(?:,|\\s[—–-])\\s*(?:right|correct|yes|yeah|no|agreed|ok|okay|"
            + "isn't it|aren't you|don't you|wouldn't you|won't you|can't you|isn't that|is it|do you|are you|"
            + "didn't you|haven't you|wouldn't it)\\s*\\?\\s*$");
    private static final Pattern OR = Pattern.compile("\\bor\\b");
    private static final Pattern DATE = Pattern.compile("\\b(?:\\d|monday|tuesday|wednesday|thursday|friday|"
            + "saturday|sunday|tomorrow|today|tonight|next week|this week|end of (?:the )?(?:month|quarter|week|day)|"
            + "january|february|march|april|june|july|august|september|october|november|december)");

    private final TextEmbedder embedder;
    private final Kind kind;
    private final boolean rules;

    public MoveFeatures(TextEmbedder embedder, Kind kind, boolean rules) {
        this.embedder = embedder;
        this.kind = kind;
        this.rules = rules;
    }

    /** The features the shipped model was trained with. */
    public static MoveFeatures shipped(TextEmbedder embedder) {
        return new MoveFeatures(embedder, Kind.FIRST_THREE_LAYERS, true);
    }

    public Kind kind() {
        return kind;
    }

    public boolean rules() {
        return rules;
    }

    public int dimension() {
        return kind.size + SYNTAX + (rules ? LABELS.length : 0);
    }

    /** The sentences of a turn as judged (the row order of {@link #rows}). */
    static List<String> sentences(String text) {
        List<String> s = Segmenter.sentences(text);
        return s.size() > MAX_SENTENCES ? s.subList(0, MAX_SENTENCES) : s;
    }

    /** One row per sentence, then (for two or more sentences) the whole turn's row. Empty for a blank line. */
    public float[][] rows(String text) {
        List<String> sentences = sentences(text);
        List<float[]> out = new ArrayList<>(sentences.size() + 1);
        for (String s : sentences) {
            out.add(row(s));
        }
        if (out.size() > 1) {
            int d = dimension();
            float[] whole = new float[d];
            for (float[] r : out) {
                for (int j = 0; j < d; j++) {
                    whole[j] += r[j] / out.size();
                }
            }
            out.add(whole);
        }
        return out.toArray(float[][]::new);
    }

    private float[] row(String sentence) {
        float[] out = new float[dimension()];
        int at;
        if (kind == Kind.ALL_LAYERS || kind == Kind.FIRST_THREE_LAYERS) {
            float[] layers = kind == Kind.ALL_LAYERS ? embedder.embedLayers(sentence)
                    : embedder.embedFirstLayers(sentence, 3);
            System.arraycopy(layers, 0, out, 0, kind.size);
            at = kind.size;
        } else if (kind != Kind.EARLY) {
            float[] last = embedder.embed(sentence);
            if (kind == Kind.LAST) {
                System.arraycopy(last, 0, out, 0, 384);
                at = 384;
            } else {
                System.arraycopy(embedder.embedEarly(sentence), 0, out, 0, 384);
                System.arraycopy(last, 0, out, 384, 384);
                at = 768;
            }
        } else {
            System.arraycopy(embedder.embedEarly(sentence), 0, out, 0, 384);
            at = 384;
        }
        at = syntax(sentence, out, at);
        if (rules) {
            Map<MoveLabel, Double> hits = LexicalRules.apply(sentence);
            for (MoveLabel l : LABELS) {
                out[at++] = hits.getOrDefault(l, 0.0).floatValue();
            }
        }
        return out;
    }

    private static int syntax(String sentence, float[] out, int at) {
        String lower = Segmenter.normalise(sentence).toLowerCase(Locale.ROOT);
        String body = OPENER.matcher(lower).replaceFirst("");
        String[] words = body.split("[\\s,]+");
        String first = words.length == 0 ? "" : words[0].replaceAll("[^a-z']", "");
        out[at++] = lower.endsWith("?") ? 1 : 0;
        out[at++] = WH.contains(first) ? 1 : 0;
        out[at++] = AUX.contains(first) ? 1 : 0;
        out[at++] = TAG.matcher(lower).find() ? 1 : 0;
        out[at++] = OR.matcher(lower).find() ? 1 : 0;
        out[at++] = words.length <= 3 ? 1 : 0;
        out[at++] = DATE.matcher(lower).find() ? 1 : 0;
        out[at++] = first.equals("i") || first.equals("we") || first.startsWith("i'") || first.startsWith("we'")
                ? 1 : 0;
        out[at++] = first.startsWith("you") ? 1 : 0;
        return at;
    }
}
