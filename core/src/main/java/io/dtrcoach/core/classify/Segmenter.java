package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a rep's line into the pieces the classifier looks at: sentences (for rules and for embeddings), and
 * clauses (for embeddings only), so that "We've put in months, and if you don't sign by Friday, I'm done" is
 * judged both whole and in its parts.
 */
final class Segmenter {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\S)");
    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "\\s*;\\s+|\\s+[—–-]\\s+|,\\s+(?=(?:and|but|so|because)\\b)");
    private static final int MIN_CLAUSE_WORDS = 4;

    private Segmenter() {
    }

    /** Normalises typographic quotes so rules can match plain apostrophes. */
    static String normalise(String text) {
        return TextEmbedder.plainQuotes(text).strip();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(normalise(text))) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Sentences, then clauses of four or more words, without repeats; the whole line is not included. */
    static List<String> clauses(String sentence) {
        List<String> out = new ArrayList<>();
        String[] parts = CLAUSE_BREAK.split(sentence);
        if (parts.length < 2) {
            return out;
        }
        for (String p : parts) {
            String c = p.strip();
            if (c.split("\\s+").length >= MIN_CLAUSE_WORDS) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Every piece worth embedding: each sentence (the line itself when it is one sentence), and each long-enough
     * clause when asked. The whole of a multi-sentence line is not embedded: measured on the examples it added
     * nothing its sentences did not, and each embedding is most of a line's cost.
     */
    static List<String> segments(String text, boolean withClauses) {
        Set<String> out = new LinkedHashSet<>();
        String whole = normalise(text);
        if (whole.isEmpty()) {
            return List.of();
        }
        List<String> sentences = sentences(whole);
        out.addAll(sentences);
        if (withClauses) {
            for (String s : sentences) {
                out.addAll(clauses(s));
            }
        }
        return List.copyOf(out);
    }
}
