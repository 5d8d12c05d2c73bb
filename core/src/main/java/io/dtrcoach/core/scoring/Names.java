package io.dtrcoach.core.scoring;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a line names someone (or something) particular: a capitalised word inside a sentence that is not a
 * date word ("…next Tuesday" is fine, "…with Raj" is not), or a name called out at the start ("Sam, where…").
 */
final class Names {
    private static final Pattern CAPITALISED = Pattern.compile("(^|[.!?:;]\\s+|[\\s\"“(])([A-Z][a-z]+)\\b");
    private static final Set<String> DATE_WORDS = Set.of(
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December");
    /** Words that open a sentence with a comma without being a name. */
    private static final Set<String> OPENERS = Set.of(
            "Honestly", "Okay", "So", "Well", "Look", "Listen", "Sorry", "Thanks", "Right", "Now", "Also", "Again",
            "Frankly", "Great", "Fair", "Sure", "Yes", "No", "Hey", "Hi", "Hello", "Actually", "Understood",
            "Totally", "Absolutely", "Then", "Instead", "Otherwise", "Ideally", "Realistically", "Genuinely",
            "Seriously", "Candidly", "Obviously", "Clearly", "Perhaps", "Maybe", "Either", "Meanwhile", "First",
            "Second", "Finally", "Plainly", "Truthfully", "Today", "Ok", "And", "But");

    private Names() {
    }

    static boolean mentionsSomeone(String text) {
        Matcher m = CAPITALISED.matcher(text);
        while (m.find()) {
            String word = m.group(2);
            boolean sentenceStart = m.start(2) == 0 || m.group(1).matches("[.!?:;]\\s+");
            if (!sentenceStart && !DATE_WORDS.contains(word)) {
                return true;
            }
            boolean calledOut = m.end(2) < text.length() && text.charAt(m.end(2)) == ',';
            if (sentenceStart && calledOut && !OPENERS.contains(word) && !DATE_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
