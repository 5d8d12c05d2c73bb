package io.dtrcoach.core.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of questions a line asks, read from its words: open vs closed (MITI), calibrated ("how/what…",
 * Voss) and no-oriented ("Would it be a bad idea…", Voss). Used where the classifier's labels say nothing.
 */
final class Questions {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern LEAD_IN = Pattern.compile(
            "^(?:(?:so|and|but|okay|ok|well|then|honestly|also|now|right)\\b[,\\s]*)+");
    private static final Pattern OPEN_START = Pattern.compile(
            "^(?:what|what's|whats|how|how's|why|where|where's|when|who|who's|whom|which|whose|tell me|walk me"
                    + "|help me understand|describe|talk me through)\\b");
    private static final Pattern CALIBRATED_START = Pattern.compile("^(?:what|what's|whats|how|how's)\\b");
    private static final Pattern NO_ORIENTED = Pattern.compile(String.join("|",
            "\\bbad (?:idea|time)\\b",
            "\\b(?:would|are|is) (?:you|it|that|this) (?:be )?(?:against|opposed)\\b",
            "\\bbe (?:against|opposed)\\b",
            "\\bhave you given up\\b",
            "\\bgiven up on\\b",
            "\\b(?:would|is) it be (?:ridiculous|crazy|unreasonable|terrible|wrong)\\b",
            "\\bis it (?:ridiculous|crazy|unreasonable|terrible|wrong)\\b",
            "\\bis (?:this|that|it) (?:off the table|dead)\\b",
            "\\bshould we (?:stop|call it|walk away)\\b"));

    private Questions() {
    }

    /** The sentences of a line that end with a question mark. */
    static List<String> of(String text) {
        return Arrays.stream(SENTENCE_END.split(text.strip()))
                .map(String::strip)
                .filter(s -> s.endsWith("?"))
                .toList();
    }

    /** The three readings of one question sentence at once (it is normalised once). */
    record Kind(boolean open, boolean calibrated, boolean noOriented) {
    }

    static Kind kind(String question) {
        String q = normalise(question);
        return new Kind(OPEN_START.matcher(q).find(), CALIBRATED_START.matcher(q).find(), NO_ORIENTED.matcher(q).find());
    }

    static boolean isOpen(String question) {
        return kind(question).open();
    }

    static boolean isCalibrated(String question) {
        return kind(question).calibrated();
    }

    static boolean isNoOriented(String question) {
        return kind(question).noOriented();
    }

    private static String normalise(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        return LEAD_IN.matcher(q).replaceFirst("");
    }
}
