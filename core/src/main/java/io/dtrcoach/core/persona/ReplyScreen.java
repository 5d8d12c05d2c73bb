package io.dtrcoach.core.persona;

import io.dtrcoach.core.scenario.FactMentions;
import io.dtrcoach.core.scenario.Phrase;
import io.dtrcoach.core.scenario.Words;
import io.dtrcoach.core.scenario.Words.Word;

import java.util.List;

/**
 * Screens one streamed reply piece by piece, so that the rep sees words as soon as they are safe and never sees a
 * forbidden phrase, not even its first half. The text so far is read as {@link Words}, as {@link FactMentions} reads it (compatibility
 * forms, invisible characters, case, possessives, inflections, dotted acronyms and dates normalised), so "Raj's",
 * "R\u200Baj" and "As an A.I." match like "Raj" and "as an AI". Text is held back only from the earliest word that
 * could still become the start of a forbidden phrase ("bo" might become "board"; "boring" cannot), or that is still
 * being written; everything before it is released. This is the lexical part of the guard; the meaning of each
 * sentence is checked apart ({@link FactSimilarity}), by the caller, before release. Not thread-safe: one screen per
 * reply, fed from one thread at a time.
 */
public final class ReplyScreen {
    private final List<Pattern> patterns;
    private final int maxChars;
    private final StringBuilder raw = new StringBuilder();
    /** Raw chars already handed out by {@link #takeReleasable()}. */
    private int taken;
    /** Raw chars that may be handed out. */
    private int releasable;
    private ReplyGuard.Verdict verdict = ReplyGuard.Verdict.OK;
    private boolean finished;

    ReplyScreen(List<Pattern> patterns, int maxChars) {
        this.patterns = List.copyOf(patterns);
        this.maxChars = maxChars;
    }

    /** Adds a piece of the reply; returns the verdict so far (a rejection is final). */
    public ReplyGuard.Verdict offer(String piece) {
        if (finished) {
            throw new IllegalStateException("reply already finished");
        }
        if (!verdict.ok()) {
            return verdict;
        }
        raw.append(piece);
        return scan(false);
    }

    /** The stream ended normally: checks what was held back against the end of the text. */
    public ReplyGuard.Verdict finish() {
        if (finished) {
            return verdict;
        }
        finished = true;
        if (!verdict.ok()) {
            return verdict;
        }
        if (raw.toString().isBlank()) {
            verdict = new ReplyGuard.Verdict.Rejected(ReplyGuard.Reason.EMPTY, "empty reply");
            return verdict;
        }
        return scan(true);
    }

    /** Text that became safe since the last call (possibly empty); nothing once the reply was rejected. */
    public String takeReleasable() {
        if (!verdict.ok() || releasable <= taken) {
            return "";
        }
        String out = raw.substring(taken, releasable);
        taken = releasable;
        return out;
    }

    /** Everything received so far, released or not. */
    public String text() {
        return raw.toString();
    }

    public ReplyGuard.Verdict verdict() {
        return verdict;
    }

    /**
     * Reads the whole text so far again (a reply is at most a few hundred characters): a later piece can change how
     * earlier characters read ("a." becomes "a.i.", "31" becomes a date).
     */
    private ReplyGuard.Verdict scan(boolean atEnd) {
        if (raw.length() > maxChars) {
            verdict = new ReplyGuard.Verdict.Rejected(ReplyGuard.Reason.TOO_LONG,
                    raw.length() + " > " + maxChars + " chars");
            return verdict;
        }
        String text = raw.toString();
        List<Word> words = Words.of(text);
        boolean growing = !atEnd && !words.isEmpty() && stillGrowing(text, words.get(words.size() - 1));
        int complete = growing ? words.size() - 1 : words.size();
        int hold = growing ? words.get(complete).start() : text.length();
        for (int i = 0; i < words.size(); i++) {
            for (Pattern p : patterns) {
                Match m = match(words, complete, i, p.phrase(), atEnd);
                if (m == Match.FULL) {
                    verdict = new ReplyGuard.Verdict.Rejected(p.reason(), p.detail());
                    return verdict;
                }
                if (m == Match.OPEN) {
                    hold = Math.min(hold, words.get(i).start());
                }
            }
        }
        releasable = Math.max(releasable, hold);
        return verdict;
    }

    /**
     * Whether the phrase occurs at word {@code i} ({@code FULL}), cannot ({@code NONE}), or might once more text
     * arrives ({@code OPEN}). Words from {@code complete} on are still being written.
     */
    private static Match match(List<Word> words, int complete, int i, Phrase phrase, boolean atEnd) {
        if (i < complete && phrase.matchAt(words.subList(0, complete), i) > 0) {
            return Match.FULL;
        }
        if (atEnd) {
            return Match.NONE;
        }
        for (int j = 0; j < phrase.size(); j++) {
            int k = i + j;
            if (k >= words.size()) {
                return Match.OPEN;
            }
            String form = words.get(k).form();
            if (k >= complete) {
                return phrase.mayBecome(form, j) ? Match.OPEN : Match.NONE;
            }
            if (phrase.same(words.get(k), j)) {
                continue;
            }
            // "31" or "January" at the end may still fold into a date with what follows
            if (k >= complete - 2 && Words.mayJoinDate(form) && phrase.mayBecome(form, j)) {
                return Match.OPEN;
            }
            return Match.NONE;
        }
        return Match.NONE;
    }

    /**
     * Whether the last word may still change with the next piece: nothing but invisible characters after it, or an
     * apostrophe (a possessive to come), or a dot after a single letter ("A." of "A.I.") or a dot, slash or dash after
     * a number ("31/" of "31/01").
     */
    private static boolean stillGrowing(String text, Word last) {
        String tail = stripInvisible(text.substring(last.end()));
        if (tail.isEmpty() || tail.equals("'") || tail.equals("\u2019")) {
            return true;
        }
        String word = stripInvisible(text.substring(last.start(), last.end()));
        if (tail.equals(".") && word.codePointCount(0, word.length()) == 1) {
            return true;
        }
        return tail.length() == 1 && "./-".contains(tail) && !word.isEmpty() && word.chars().allMatch(Character::isDigit);
    }

    private static String stripInvisible(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(cp -> !Words.invisible(cp) && Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private enum Match { NONE, OPEN, FULL }

    /** A forbidden phrase. */
    record Pattern(Phrase phrase, ReplyGuard.Reason reason, String detail) {
        static Pattern of(String phrase, ReplyGuard.Reason reason, String detail) {
            return new Pattern(Phrase.of(phrase), reason, detail);
        }
    }
}
