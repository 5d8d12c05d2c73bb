package io.dtrcoach.core.scenario;

import io.dtrcoach.core.scenario.Words.Word;

import java.util.List;

/**
 * A phrase to look for in a text, both read as {@link Words}: a keyword, a fact's text, an out-of-character phrase. It
 * occurs where the text's words meet its words in order, with three allowances for how people write: a proper name
 * (written with a capital, then lower case: "Harrow", "Raj") is matched before stemming, so "Harrowing" is not
 * "Harrow" while "Harrow's" is; two or three of its words may be written as one ("pentest" for "pen test"); and a
 * phrase of three words or more may be written as its initials ("DPA", "D.P.A." for "data processing agreement").
 */
public record Phrase(String text, List<Word> words, List<Boolean> names) {
    public Phrase {
        words = List.copyOf(words);
        names = List.copyOf(names);
    }

    public static Phrase of(String text) {
        List<Word> words = Words.of(text);
        return new Phrase(text, words, words.stream()
                .map(w -> !w.isDate() && properName(text.substring(w.start(), w.end()))).toList());
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    public int size() {
        return words.size();
    }

    /**
     * How many of the text's words, from word {@code i}, this phrase occupies there; 0 when it does not occur there.
     */
    public int matchAt(List<Word> text, int i) {
        if (i >= text.size() || words.isEmpty()) {
            return 0;
        }
        if (words.size() >= 3 && text.get(i).plain().equals(initials())) {
            return 1;
        }
        return matchFrom(text, i, i, 0);
    }

    /** Whether the text word matches this phrase's word {@code j}, one for one. */
    public boolean same(Word word, int j) {
        Word w = words.get(j);
        return names.get(j) ? word.plain().equals(w.plain()) : word.form().equals(w.form());
    }

    /** Whether a text word still being written could become this phrase's word {@code j}. */
    public boolean mayBecome(String partial, int j) {
        return Words.mayBecome(partial, names.get(j) ? words.get(j).plain() : words.get(j).form());
    }

    private int matchFrom(List<Word> text, int start, int ti, int pj) {
        if (pj == words.size()) {
            return ti - start;
        }
        if (ti >= text.size()) {
            return 0;
        }
        Word t = text.get(ti);
        if (same(t, pj)) {
            int n = matchFrom(text, start, ti + 1, pj + 1);
            if (n > 0) {
                return n;
            }
        }
        // a compound written as one word: "pentest", "sidebyside"
        StringBuilder joined = new StringBuilder(words.get(pj).plain());
        for (int k = pj + 1; k < Math.min(words.size(), pj + 3); k++) {
            joined.append(words.get(k).plain());
            if (joined.toString().equals(t.plain()) || Words.stem(joined.toString()).equals(t.form())) {
                int n = matchFrom(text, start, ti + 1, k + 1);
                if (n > 0) {
                    return n;
                }
            }
        }
        return 0;
    }

    private String initials() {
        StringBuilder s = new StringBuilder();
        for (Word w : words) {
            if (w.plain().isEmpty() || !Character.isLetter(w.plain().charAt(0))) {
                return null;
            }
            s.append(w.plain().charAt(0));
        }
        return s.toString();
    }

    private static boolean properName(String written) {
        String w = Words.fold(written, false, null);
        int apostrophe = w.indexOf('\'');
        String base = apostrophe > 0 ? w.substring(0, apostrophe) : w;
        return base.length() > 1 && Character.isUpperCase(base.charAt(0))
                && base.substring(1).chars().allMatch(Character::isLowerCase);
    }
}
