package io.dtrcoach.core.persona;

import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a model's reply may be shown: it must stay in character, must not mention a fact the
 * engine has not revealed (its text or any of its {@code keywords}, on word boundaries, case-insensitive),
 * must not say a phrase the scenario's {@code llm.never_say} rules quote, and must not exceed a length limit.
 * A rejected reply is regenerated once, then replaced by the scripted line; that policy lives with the caller.
 *
 * <p>A never-say rule is prose for the model ("a firm yes or a signature commitment"); what a rule puts in
 * double quotes ({@code a firm yes such as "we'll sign"}) is also checked here, word for word. The prose
 * itself cannot be checked mechanically, and is not: a rule about being an AI is covered by the
 * out-of-character phrases, a rule about a locked fact by the fact's keywords.
 *
 * <p>Locked facts are never sent to the model, so a hit here means the model guessed; the guard keeps a
 * lucky guess from reading as a reveal the engine did not make.
 */
public final class ReplyGuard {
    public static final int DEFAULT_MAX_CHARS = 600;

    /** Phrases no prospect says; matched as whole words, case-insensitive, any whitespace between words. */
    static final List<String> OUT_OF_CHARACTER = List.of(
            "as an ai", "as an artificial intelligence", "i am an ai", "i'm an ai", "i am just an ai",
            "i'm just an ai", "i am not a real person", "i'm not a real person", "language model",
            "ai model", "ai assistant", "i am an assistant", "i'm an assistant", "i am a virtual assistant",
            "i'm a virtual assistant", "virtual assistant", "chatbot", "openai", "chatgpt", "system prompt",
            "my instructions", "my programming", "role-play", "roleplay", "role play", "out of character",
            "stay in character", "this is a simulation", "i am a simulation", "i'm a simulation",
            "just a simulation", "a simulated prospect", "a training exercise");

    /** Text in straight or curly double quotes inside a never-say rule. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("[\"\u201C\u201D]([^\"\u201C\u201D]+)[\"\u201C\u201D]");

    private final Scenario scenario;
    private final int maxChars;
    private final List<ReplyScreen.Pattern> neverSay;

    private ReplyGuard(Scenario scenario, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        this.scenario = scenario;
        this.maxChars = maxChars;
        this.neverSay = neverSayPatterns(scenario);
    }

    public static ReplyGuard create(Scenario scenario) {
        return new ReplyGuard(scenario, DEFAULT_MAX_CHARS);
    }

    public static ReplyGuard create(Scenario scenario, int maxChars) {
        return new ReplyGuard(scenario, maxChars);
    }

    public int maxChars() {
        return maxChars;
    }

    /** Checks a complete reply, given the facts revealed so far (this turn's included). */
    public Verdict check(String reply, Collection<String> revealedFactIds) {
        ReplyScreen screen = screen(revealedFactIds);
        Verdict v = screen.offer(reply);
        return v.ok() ? screen.finish() : v;
    }

    /** A screen for one streamed reply: releases text only once no rule can still be broken by it. */
    public ReplyScreen screen(Collection<String> revealedFactIds) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        for (String phrase : OUT_OF_CHARACTER) {
            patterns.add(new ReplyScreen.Pattern(phrase, Reason.OUT_OF_CHARACTER, "out of character"));
        }
        patterns.addAll(neverSay);
        patterns.addAll(factPatterns(scenario.facts().stream().filter(f -> !revealedFactIds.contains(f.id())).toList()));
        return new ReplyScreen(patterns, maxChars);
    }

    /** The phrases the scenario's never-say rules quote, e.g. {@code "we'll sign"} in a rule's prose. */
    static List<String> quotedPhrases(String rule) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = QUOTED.matcher(rule);
        while (m.find()) {
            String p = trimToWords(ReplyScreen.normalise(m.group(1)));
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<ReplyScreen.Pattern> neverSayPatterns(Scenario scenario) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        scenario.llm().ifPresent(llm -> llm.neverSay().forEach(rule -> quotedPhrases(rule).forEach(p ->
                patterns.add(new ReplyScreen.Pattern(p, Reason.NEVER_SAY, "never_say: " + p)))));
        return List.copyOf(patterns);
    }

    /** Whether the text names any of the facts: its text or a keyword, as whole words, case-insensitive. */
    static boolean mentions(String text, Collection<Fact> facts) {
        ReplyScreen screen = new ReplyScreen(factPatterns(facts), Integer.MAX_VALUE);
        Verdict v = screen.offer(text);
        Verdict last = v.ok() ? screen.finish() : v;
        return last instanceof Verdict.Rejected r && r.reason() == Reason.LOCKED_FACT;
    }

    private static List<ReplyScreen.Pattern> factPatterns(Collection<Fact> facts) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        for (Fact fact : facts) {
            addPattern(patterns, fact.text(), fact.id());
            fact.keywords().forEach(k -> addPattern(patterns, k, fact.id()));
        }
        return patterns;
    }

    private static void addPattern(List<ReplyScreen.Pattern> patterns, String text, String factId) {
        String p = trimToWords(ReplyScreen.normalise(text));
        if (!p.isEmpty()) {
            patterns.add(new ReplyScreen.Pattern(p, Reason.LOCKED_FACT, factId));
        }
    }

    /** Drops leading and trailing punctuation so that "…until Q3." also matches "…until Q3!". */
    static String trimToWords(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && !ReplyScreen.isWordChar(s.charAt(from))) {
            from++;
        }
        while (to > from && !ReplyScreen.isWordChar(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to).toLowerCase(Locale.ROOT);
    }

    public enum Reason {
        /** Talks like a chatbot, not a person on a sales call. */
        OUT_OF_CHARACTER,
        /** Mentions a fact the engine has not revealed. */
        LOCKED_FACT,
        /** Says a phrase quoted in the scenario's {@code llm.never_say} rules. */
        NEVER_SAY,
        TOO_LONG,
        EMPTY
    }

    /** The guard's decision. */
    public sealed interface Verdict {
        Verdict OK = new Ok();

        default boolean ok() {
            return this instanceof Ok;
        }

        record Ok() implements Verdict {
        }

        /**
         * @param detail what was hit: the fact id for {@link Reason#LOCKED_FACT}, for logs and tests; never
         *               shown to the rep or sent to the model
         */
        record Rejected(Reason reason, String detail) implements Verdict {
        }
    }
}
