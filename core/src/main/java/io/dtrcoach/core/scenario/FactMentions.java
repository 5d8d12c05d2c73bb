package io.dtrcoach.core.scenario;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a text gives a fact away: one of the fact's keywords, or the fact's own text. Matching normalises
 * both sides first, so that the variants a model (or a trainer) writes still count: Unicode compatibility forms
 * (full-width letters, ligatures) and accents, invisible characters (zero-width spaces, soft hyphens, variation
 * selectors) inside words, case, typographic apostrophes, possessives ("Raj's"), simple inflections ("bundled",
 * "renewals"), dotted acronyms ("A.I."), and dates in their common forms ("31 January", "January 31st", "31/01",
 * "Jan. 31"). Offsets point into the original text. The same word forms serve any phrase ({@link #forms}), so the
 * reply guard reads "As an A.I." the way it reads a keyword. Stateless and thread-safe.
 */
public final class FactMentions {
    /** A dotted acronym of single letters ("a.i.", "u.s"), a word, or a number with any ordinal suffix ("31st"). */
    private static final Pattern TOKEN = Pattern.compile(
            "\\p{L}(?:\\.\\p{L})+\\.?|\\p{L}[\\p{L}\\p{N}]*|\\p{N}+(?:st|nd|rd|th)?");
    private static final String DATE = "date:";
    private static final Map<String, Integer> MONTHS = months();
    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)");

    private FactMentions() {
    }

    /** One place a text gives a fact away: {@code [start, end)} in the original text. */
    public record Mention(String factId, String giveaway, int start, int end) {
    }

    /**
     * A word as the matcher reads it: its normalised {@code form} (a stem, or {@code date:MM-DD} for a date in any of
     * its forms) and its span {@code [start, end)} in the original text (a possessive's {@code 's} included).
     */
    public record Word(String form, int start, int end) {
    }

    /** Every mention of the fact's keywords or text, in text order (a place once, the first giveaway). */
    public static List<Mention> find(String text, Fact fact) {
        List<Word> words = words(text);
        List<Mention> out = new ArrayList<>();
        for (String giveaway : giveaways(fact)) {
            List<String> needle = forms(giveaway);
            if (needle.isEmpty()) {
                continue;
            }
            for (int i = 0; i + needle.size() <= words.size(); i++) {
                if (matchesAt(words, i, needle)) {
                    int start = words.get(i).start();
                    if (out.stream().noneMatch(m -> m.start() == start)) {
                        out.add(new Mention(fact.id(), giveaway, start, words.get(i + needle.size() - 1).end()));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Mention::start));
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
        return String.join(" ", forms(text));
    }

    /** A phrase's normalised word forms, to match against {@link #words} with {@link #same}. */
    public static List<String> forms(String phrase) {
        return words(phrase).stream().map(Word::form).toList();
    }

    /**
     * Whether a word of a text matches a word of a phrase. Equal forms match; so does a date in the text whose day is the
     * phrase's bare day number ("the 14th" is named by "the 14th of January").
     */
    public static boolean same(String textForm, String phraseForm) {
        if (textForm.equals(phraseForm)) {
            return true;
        }
        return textForm.startsWith(DATE) && day(phraseForm) > 0
                && Integer.parseInt(textForm.substring(textForm.length() - 2)) == day(phraseForm);
    }

    /** Whether {@code phrase} occurs in {@code words} starting at word {@code i}. */
    public static boolean matchesAt(List<Word> words, int i, List<String> phrase) {
        if (i + phrase.size() > words.size()) {
            return false;
        }
        for (int j = 0; j < phrase.size(); j++) {
            if (!same(words.get(i + j).form(), phrase.get(j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a word could still become part of a date once more text follows ("31" before "January", "Jan" before
     * "31st", "31 of" before "January"): a day number, a month name or {@code of}.
     */
    public static boolean mayJoinDate(String form) {
        return day(form) > 0 || MONTHS.containsKey(form) || form.equals("of");
    }

    /**
     * Whether a word still being written, whose form so far is {@code partial}, could end up matching the phrase word
     * {@code phraseForm} ("boar" may become "board", "bundle" "bundled", "3" or "Jan" part of a date).
     */
    public static boolean mayBecome(String partial, String phraseForm) {
        if (phraseForm.startsWith(partial) || partial.startsWith(phraseForm)) {
            return true;
        }
        if (!phraseForm.startsWith(DATE) && day(phraseForm) == 0) {
            return false;
        }
        return partial.chars().allMatch(Character::isDigit) && partial.length() <= 2 || partial.equals("of")
                || MONTHS.keySet().stream().anyMatch(month -> month.startsWith(partial));
    }

    /**
     * The text with compatibility forms folded (full-width letters, ligatures), accents, stray combining marks and
     * invisible characters dropped, and typographic apostrophes straightened; case and everything else kept. What a
     * model of meaning should read ("R\u200Baj" and "Ｒａｊ" are "Raj").
     */
    public static String plain(String text) {
        return fold(text, false, null);
    }

    /** Normalised words with their span in the original text. */
    public static List<Word> words(String text) {
        List<Integer> origin = new ArrayList<>(text.length() + 1);
        String s = fold(text, true, origin);
        List<Word> raw = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            int end = m.end();
            // a possessive or contraction tail ("raj's", "vendors'") belongs to the word, then is dropped
            if (end + 1 < s.length() && s.charAt(end) == '\'' && s.charAt(end + 1) == 's'
                    && (end + 2 == s.length() || !Character.isLetterOrDigit(s.charAt(end + 2)))) {
                end += 2;
            } else if (end < s.length() && s.charAt(end) == '\'') {
                end += 1;
            }
            raw.add(new Word(word(m.group()), origin.get(m.start()), origin.get(end - 1) + 1));
        }
        return dates(raw, text);
    }

    /** {@link #plain}, lower-cased if asked; {@code origin}, if given, gets each output char's index in the text. */
    private static String fold(String text, boolean lower, List<Integer> origin) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!invisible(cp)) {
                String form = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
                if (lower) {
                    form = form.toLowerCase(Locale.ROOT);
                }
                for (int k = 0; k < form.length(); k++) {
                    char c = form.charAt(k);
                    if (Character.getType(c) == Character.NON_SPACING_MARK || invisible(c)) {
                        continue;
                    }
                    clean.append(c == '\u2019' || c == '\u2018' || c == '\u02BC' ? '\'' : c);
                    if (origin != null) {
                        origin.add(i);
                    }
                }
            }
            i = next;
        }
        if (origin != null) {
            origin.add(text.length());
        }
        return clean.toString();
    }

    /** A character that shows nothing: format characters (zero-width spaces, joiners), soft hyphens, fillers, variation selectors. */
    public static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160
                || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F);
    }

    /** A word's form: acronym dots dropped, then a light stem so that inflections meet. */
    private static String word(String w) {
        String x = w.indexOf('.') >= 0 ? w.replace(".", "") : w;
        Matcher ord = ORDINAL.matcher(x);
        if (ord.matches()) {
            return ord.group(1);
        }
        if (x.isEmpty() || !Character.isLetter(x.charAt(0)) || MONTHS.containsKey(x)) {
            return x;
        }
        return stem(x);
    }

    static String stem(String w) {
        String x = w;
        if (x.length() > 4 && x.endsWith("ies")) {
            x = x.substring(0, x.length() - 3) + "y";
        } else if (x.length() > 4 && (x.endsWith("ses") || x.endsWith("xes") || x.endsWith("zes")
                || x.endsWith("ches") || x.endsWith("shes"))) {
            x = x.substring(0, x.length() - 2);
        } else if (x.length() > 3 && x.endsWith("s") && !x.endsWith("ss") && !x.endsWith("us")
                && !x.endsWith("is")) {
            x = x.substring(0, x.length() - 1);
        }
        if (x.length() > 5 && x.endsWith("ing")) {
            x = x.substring(0, x.length() - 3);
        } else if (x.length() > 4 && x.endsWith("ed")) {
            x = x.substring(0, x.length() - 2);
        }
        if (x.length() > 4 && x.endsWith("e")) {
            x = x.substring(0, x.length() - 1);
        }
        return x;
    }

    /** Folds "31 january", "january 31", "31/01", "jan 31" into one {@code date:01-31} token. */
    private static List<Word> dates(List<Word> in, String text) {
        List<Word> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Word t = in.get(i);
            Integer month = MONTHS.get(t.form);
            if (month != null) {
                // "january 31" / "31 january" / "the 31st of january"
                if (i + 1 < in.size() && day(in.get(i + 1).form) > 0) {
                    out.add(date(month, day(in.get(i + 1).form), t.start, in.get(i + 1).end));
                    i++;
                    continue;
                }
                if (!out.isEmpty() && day(out.get(out.size() - 1).form) > 0) {
                    Word d = out.remove(out.size() - 1);
                    out.add(date(month, day(d.form), d.start, t.end));
                    continue;
                }
                if (out.size() >= 2 && out.get(out.size() - 1).form.equals("of")
                        && day(out.get(out.size() - 2).form) > 0) {
                    out.remove(out.size() - 1);
                    Word d = out.remove(out.size() - 1);
                    out.add(date(month, day(d.form), d.start, t.end));
                    continue;
                }
            }
            out.add(t);
        }
        return numericDates(out, text);
    }

    /** "31/01", "31.01.", "01-31" (day first unless the first number cannot be a month). */
    private static List<Word> numericDates(List<Word> in, String text) {
        List<Word> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Word a = in.get(i);
            if (i + 1 < in.size() && day(a.form) > 0 && day(in.get(i + 1).form) > 0
                    && in.get(i + 1).start - a.end == 1 && "/.-".indexOf(text.charAt(a.end)) >= 0) {
                int x = day(a.form);
                int y = day(in.get(i + 1).form);
                int dayOf = x > 12 ? x : y > 12 ? y : x;
                int monthOf = dayOf == x ? y : x;
                if (monthOf <= 12) {
                    out.add(date(monthOf, dayOf, a.start, in.get(i + 1).end));
                    i++;
                    continue;
                }
            }
            out.add(a);
        }
        return out;
    }

    private static int day(String form) {
        if (form.isEmpty() || form.length() > 2 || !form.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int d = Integer.parseInt(form);
        return d >= 1 && d <= 31 ? d : 0;
    }

    private static Word date(int month, int day, int start, int end) {
        return new Word(String.format(DATE + "%02d-%02d", month, day), start, end);
    }

    private static Map<String, Integer> months() {
        String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"};
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], i + 1);
            out.put(names[i].substring(0, 3), i + 1);
        }
        out.put("sept", 9);
        return Map.copyOf(out);
    }
}
