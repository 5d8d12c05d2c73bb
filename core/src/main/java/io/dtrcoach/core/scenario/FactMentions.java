package io.dtrcoach.core.scenario;

import io.dtrcoach.core.scenario.Words.Word;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a text gives a fact away: one of the fact's keywords, or the fact's own text, each read as a
 * {@link Phrase} in the text's {@link Words}, so that the variants a model (or a trainer) writes still count: Unicode
 * compatibility forms and invisible characters, case, possessives ("Raj's"), simple inflections ("bundled"), dotted
 * acronyms, numbers written out and dates in their common forms ("January 31st", "the first of April"). Offsets point
 * into the original text. Stateless and thread-safe.
 */
public final class FactMentions {
    private FactMentions() {
    }

    /** One place a text gives a fact away: {@code [start, end)} in the original text. */
    public record Mention(String factId, String giveaway, int start, int end) {
    }

    /** Every mention of the fact's keywords or text, in text order (a place once, the first giveaway). */
    public static List<Mention> find(String text, Fact fact) {
        List<Word> words = Words.of(text);
        List<Mention> out = new ArrayList<>();
        for (String giveaway : giveaways(fact)) {
            Phrase needle = Phrase.of(giveaway);
            for (int i = 0; i < words.size(); i++) {
                int n = needle.matchAt(words, i);
                if (n > 0) {
                    int start = words.get(i).start();
                    if (out.stream().noneMatch(m -> m.start() == start)) {
                        out.add(new Mention(fact.id(), giveaway, start, words.get(i + n - 1).end()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Mention::start));
        return List.copyOf(out);
    }

    /** The texts that give the fact away: its keywords, then its own text. */
    public static List<String> giveaways(Fact fact) {
        List<String> out = new ArrayList<>(fact.keywords());
        out.add(fact.text());
        return out;
    }

    /** Whether the text mentions any of the facts. */
    public static boolean mentionsAny(String text, List<Fact> facts) {
        return facts.stream().anyMatch(f -> !find(text, f).isEmpty());
    }

    /** The text as the matcher reads it: normalised word forms, dates as {@code date:MM-DD}, space-separated. */
    public static String normalised(String text) {
        return String.join(" ", Words.of(text).stream().map(Word::form).toList());
    }
}
