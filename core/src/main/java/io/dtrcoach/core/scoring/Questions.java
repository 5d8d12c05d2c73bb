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
    private static final List<String> OPEN_STARTS = List.of(
            "what", "what's", "whats", "how", "how's", "why", "where", "where's", "when", "who", "who's", "whom",
            "which", "whose", "tell me", "walk me", "help me understand", "describe", "talk me through");
    private static final List<String> CALIBRATED_STARTS = List.of("what", "what's", "whats", "how", "how's");
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

    static boolean isOpen(String question) {
        String q = normalise(question);
        return OPEN_STARTS.stream().anyMatch(s -> q.startsWith(s + " ") || q.startsWith(s + ",") || q.equals(s + "?"));
    }

    static boolean isCalibrated(String question) {
        String q = normalise(question);
        return CALIBRATED_STARTS.stream().anyMatch(s -> q.startsWith(s + " "));
    }

    static boolean isNoOriented(String question) {
        return NO_ORIENTED.matcher(normalise(question)).find();
    }

    private static String normalise(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        return LEAD_IN.matcher(q).replaceFirst("");
    }
}
