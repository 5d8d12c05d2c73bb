package io.dtrcoach.core.scenario;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a text as the locked-fact checks read it: a list of normalised words, so that the variants a model (or a rep,
 * or a trainer) writes meet. Unicode compatibility forms (full-width letters, ligatures) are folded and accents, stray
 * combining marks and invisible characters (zero-width spaces, soft hyphens, variation selectors) dropped; case and
 * typographic apostrophes do not count; a possessive belongs to its word ("Raj's" is "raj"); a light stem meets simple
 * inflections ("bundled", "renewals"); letters and digits part ("SOC2" is "soc 2"); dotted acronyms close up ("A.I."
 * is "ai"); small numbers and ordinals written out are digits ("nine", "the twentieth"); and a date in its common forms
 * is one word {@code date:MM-DD} ("31 January", "January 31st", "the first of April", "31/01", "Jan. 31"). Offsets
 * point into the original text. Stateless and thread-safe.
 */
public final class Words {
    /** A dotted acronym of single letters ("a.i.", "u.s"), a run of letters, or a number with any ordinal suffix. */
    private static final Pattern TOKEN = Pattern.compile("\\p{L}(?:\\.\\p{L})+\\.?|\\p{L}+|\\p{N}+(?:st|nd|rd|th)?");
    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)");
    static final String DATE = "date:";
    private static final Map<String, Integer> MONTHS = months();
    private static final Map<String, String> NUMBERS = numbers();
    /** Irregular forms the stem cannot meet, for words scenarios use as keywords. */
    private static final Map<String, String> IRREGULAR = Map.of("froze", "freeze", "frozen", "freeze");

    private Words() {
    }

    /**
     * A word as the matcher reads it: its normalised {@code form} (a stem, a digit string, or {@code date:MM-DD}), its
     * span {@code [start, end)} in the original text (a possessive's {@code 's} included), and its {@code plain} form
     * (lower case, acronym dots and possessive dropped, not stemmed).
     */
    public record Word(String form, int start, int end, String plain) {
        public boolean isDate() {
            return form.startsWith(DATE);
        }
    }

    /** The normalised words of the text, with their spans. */
    public static List<Word> of(String text) {
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
            String plain = m.group().replace(".", "");
            raw.add(new Word(form(plain), origin.get(m.start()), origin.get(end - 1) + 1, plain));
        }
        return numericDates(dates(tens(raw), text), text);
    }

    /**
     * The text with compatibility forms folded (full-width letters, ligatures), accents, stray combining marks and
     * invisible characters dropped, and typographic apostrophes straightened; case and everything else kept. What a
     * model of meaning should read ("R\u200Baj" and "Ｒａｊ" are "Raj").
     */
    public static String plain(String text) {
        return fold(text, false, null);
    }

    /** A character that shows nothing: format characters (zero-width spaces, joiners), soft hyphens, fillers, variation selectors. */
    public static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT || cp == 0x00AD || cp == 0x034F || cp == 0x115F
                || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F);
    }

    /**
     * Whether a word could still become part of a date once more text follows ("31" before "January", "Jan" before
     * "31st", "31 of" before "January"): a day number, a month name or {@code of}.
     */
    public static boolean mayJoinDate(String form) {
        return day(form) > 0 || MONTHS.containsKey(form) || form.equals("of");
    }

    /**
     * Whether a word still being written, whose form so far is {@code partial}, could end up as {@code form} ("boar"
     * may become "board", "bundle" "bundled", "3" or "Jan" part of a date).
     */
    public static boolean mayBecome(String partial, String form) {
        if (form.startsWith(partial) || partial.startsWith(form)) {
            return true;
        }
        if (!form.startsWith(DATE) && day(form) == 0) {
            return false;
        }
        return partial.chars().allMatch(Character::isDigit) && partial.length() <= 2 || partial.equals("of")
                || MONTHS.keySet().stream().anyMatch(month -> month.startsWith(partial))
                || NUMBERS.keySet().stream().anyMatch(number -> number.startsWith(partial));
    }

    /** {@link #plain}, lower-cased if asked; {@code origin}, if given, gets each output char's index in the text. */
    static String fold(String text, boolean lower, List<Integer> origin) {
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

    /** A word's form: an ordinal or number written out as digits, a month as itself, anything else stemmed. */
    private static String form(String plain) {
        Matcher ord = ORDINAL.matcher(plain);
        if (ord.matches()) {
            return ord.group(1);
        }
        String number = NUMBERS.get(plain);
        if (number != null) {
            return number;
        }
        if (plain.isEmpty() || !Character.isLetter(plain.charAt(0)) || MONTHS.containsKey(plain)) {
            return plain;
        }
        return stem(IRREGULAR.getOrDefault(plain, plain));
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

    /** "twenty-one", "thirty first": one number. */
    private static List<Word> tens(List<Word> in) {
        List<Word> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Word t = in.get(i);
            if (i + 1 < in.size() && (t.plain().equals("twenty") || t.plain().equals("thirty"))
                    && NUMBERS.containsKey(in.get(i + 1).plain()) && in.get(i + 1).form().length() == 1) {
                Word u = in.get(i + 1);
                String n = String.valueOf(Integer.parseInt(t.form()) + Integer.parseInt(u.form()));
                out.add(new Word(n, t.start(), u.end(), n));
                i++;
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Folds "31 january", "the 31st of january" and "january 31" (in that order of preference) into one
     * {@code date:01-31} word; only across white space (and the dot of "Jan."), never across other punctuation.
     */
    private static List<Word> dates(List<Word> in, String text) {
        List<Word> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Word t = in.get(i);
            Integer month = MONTHS.get(t.form());
            if (month != null) {
                Word before = out.isEmpty() ? null : out.get(out.size() - 1);
                if (before != null && day(before.form()) > 0 && adjacent(text, before, t)) {
                    out.remove(out.size() - 1);
                    out.add(date(month, day(before.form()), before.start(), t.end()));
                    continue;
                }
                if (out.size() >= 2 && before.form().equals("of") && day(out.get(out.size() - 2).form()) > 0
                        && adjacent(text, out.get(out.size() - 2), before) && adjacent(text, before, t)) {
                    out.remove(out.size() - 1);
                    Word d = out.remove(out.size() - 1);
                    out.add(date(month, day(d.form()), d.start(), t.end()));
                    continue;
                }
                if (i + 1 < in.size() && day(in.get(i + 1).form()) > 0 && adjacent(text, t, in.get(i + 1))) {
                    out.add(date(month, day(in.get(i + 1).form()), t.start(), in.get(i + 1).end()));
                    i++;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    /** Nothing but white space, or an abbreviation's dot, between the two words. */
    private static boolean adjacent(String text, Word a, Word b) {
        String gap = text.substring(a.end(), b.start()).strip();
        return gap.isEmpty() || gap.equals(".");
    }

    /** "31/01", "31.01.", "01-31" (day first unless the first number cannot be a month). */
    private static List<Word> numericDates(List<Word> in, String text) {
        List<Word> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Word a = in.get(i);
            if (i + 1 < in.size() && a.plain().chars().allMatch(Character::isDigit) && day(a.form()) > 0
                    && in.get(i + 1).plain().chars().allMatch(Character::isDigit) && day(in.get(i + 1).form()) > 0
                    && in.get(i + 1).start() - a.end() == 1 && "/.-".indexOf(text.charAt(a.end())) >= 0) {
                int x = day(a.form());
                int y = day(in.get(i + 1).form());
                int dayOf = x > 12 ? x : y > 12 ? y : x;
                int monthOf = dayOf == x ? y : x;
                if (monthOf <= 12) {
                    out.add(date(monthOf, dayOf, a.start(), in.get(i + 1).end()));
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
        String form = String.format(DATE + "%02d-%02d", month, day);
        return new Word(form, start, end, form);
    }

    private static Map<String, Integer> months() {
        String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"};
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], i + 1);
            out.put(names[i].substring(0, 3), i + 1);
        }
        out.put("sept", 9);
        return Map.copyOf(out);
    }

    /** Numbers and ordinals written out, up to thirty-one (a day of the month), as digits. */
    private static Map<String, String> numbers() {
        String[] units = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
        String[] ordinals = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth"};
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < units.length; i++) {
            out.put(units[i], String.valueOf(i + 1));
            out.put(ordinals[i], String.valueOf(i + 1));
        }
        out.put("thirty", "30");
        out.put("thirtieth", "30");
        return Map.copyOf(out);
    }
}
