package io.dtrcoach.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word counting and content words, the way the delivery figures count them. */
final class Words {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");
    /** Function words that carry no content; reflections are judged on the rest. */
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "and", "or", "but", "so", "if", "then", "to", "of", "in", "on", "at", "for", "by",
            "with", "from", "about", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
            "did", "have", "has", "had", "i", "me", "my", "we", "us", "our", "you", "your", "it", "its", "it's",
            "this", "that", "these", "those", "there", "here", "what", "how", "who", "when", "where", "why",
            "which", "not", "no", "yes", "just", "really", "right", "can", "could", "would", "should", "will",
            "shall", "may", "might", "let", "let's", "get", "got", "i'm", "i've", "you're", "that's", "what's",
            "okay", "ok", "well", "all", "any", "some", "up", "out", "into", "than", "too", "very", "also",
            "hearing", "sounds", "sound", "say", "said", "saying", "understand", "understood", "correct", "fair");

    private Words() {
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group().replace('’', '\''));
        }
        return out;
    }

    static int count(String text) {
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Lower-cased words of three letters or more that are not function words. */
    static Set<String> content(String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : tokens(text)) {
            if (t.length() >= 3 && !STOP.contains(t)) {
                out.add(stem(t));
            }
        }
        return out;
    }

    /** A light plural trim, so that "references" reflects "reference" and "quarters" reflects "quarter". */
    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
