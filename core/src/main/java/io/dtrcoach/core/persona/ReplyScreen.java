package io.dtrcoach.core.persona;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Screens one streamed reply token by token, so that the rep sees words as soon as they are safe and never
 * sees a forbidden phrase, not even its first half. Text is held back only from the earliest word that could
 * still grow into a forbidden phrase ("bo" might become "board"; "boring" cannot); everything before it is
 * released. Not thread-safe: one screen per reply, fed from one thread at a time.
 */
public final class ReplyScreen {
    private final List<Pattern> patterns;
    private final int maxChars;
    private final StringBuilder raw = new StringBuilder();
    /** Lower-cased, curly quotes straightened, whitespace runs collapsed to one space. */
    private final StringBuilder norm = new StringBuilder();
    /** For each char of {@code norm}, the index in {@code raw} of the char it came from. */
    private final List<Integer> normToRaw = new ArrayList<>();
    /** Raw chars already handed out by {@link #takeReleasable()}. */
    private int taken;
    /** Raw chars that may be handed out. */
    private int releasable;
    /** Word starts before this norm index can no longer begin a forbidden phrase. */
    private int scanFrom;
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
        for (int i = 0; i < piece.length(); i++) {
            append(piece.charAt(i));
        }
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

    private void append(char c) {
        int rawIndex = raw.length();
        raw.append(c);
        char n = normaliseChar(c);
        if (n == ' ' && (norm.length() == 0 || norm.charAt(norm.length() - 1) == ' ')) {
            if (norm.length() == 0) {
                norm.append(' ');
                normToRaw.add(rawIndex);
            }
            return;
        }
        norm.append(n);
        normToRaw.add(rawIndex);
    }

    private ReplyGuard.Verdict scan(boolean atEnd) {
        if (raw.length() > maxChars) {
            verdict = new ReplyGuard.Verdict.Rejected(ReplyGuard.Reason.TOO_LONG,
                    raw.length() + " > " + maxChars + " chars");
            return verdict;
        }
        int firstOpen = -1;
        for (int s = scanFrom; s < norm.length(); s++) {
            if (s > 0 && isWordChar(norm.charAt(s - 1))) {
                continue;
            }
            for (Pattern p : patterns) {
                Match m = match(s, p.text, atEnd);
                if (m == Match.FULL) {
                    verdict = new ReplyGuard.Verdict.Rejected(p.reason, p.detail);
                    return verdict;
                }
                if (m == Match.OPEN && firstOpen < 0) {
                    firstOpen = s;
                }
            }
        }
        if (firstOpen >= 0) {
            scanFrom = firstOpen;
            releasable = Math.max(releasable, normToRaw.get(firstOpen));
        } else {
            scanFrom = norm.length();
            releasable = raw.length();
        }
        return verdict;
    }

    /** Whether the pattern occurs at {@code s} as whole words, cannot, or might once more text arrives. */
    private Match match(int s, String pattern, boolean atEnd) {
        int i = 0;
        while (i < pattern.length()) {
            int at = s + i;
            if (at >= norm.length()) {
                return atEnd ? Match.NONE : Match.OPEN;
            }
            if (norm.charAt(at) != pattern.charAt(i)) {
                return Match.NONE;
            }
            i++;
        }
        int end = s + pattern.length();
        if (end == norm.length()) {
            return atEnd ? Match.FULL : Match.OPEN;
        }
        return isWordChar(norm.charAt(end)) ? Match.NONE : Match.FULL;
    }

    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char n = normaliseChar(text.charAt(i));
            if (n == ' ' && out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                continue;
            }
            out.append(n);
        }
        return out.toString().strip();
    }

    private static char normaliseChar(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return ' ';
        }
        if (c == '\u2019' || c == '\u2018' || c == '\u02BC') {
            return '\'';
        }
        return String.valueOf(c).toLowerCase(Locale.ROOT).charAt(0);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    private enum Match { NONE, OPEN, FULL }

    record Pattern(String text, ReplyGuard.Reason reason, String detail) {
    }
}
