package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.FactMentions;
import io.dtrcoach.core.scenario.Phrase;
import io.dtrcoach.core.scenario.Words;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Decides whether a model's reply may be shown: it must stay in character, must not give away a fact the engine has
 * not revealed, must not say a phrase the scenario's {@code llm.never_say} rules quote, and must not exceed a length
 * limit. A rejected reply is regenerated once, then replaced by the scripted line; that policy lives with the caller.
 *
 * <p>Two checks, both normalising before they match:
 * <ul>
 *   <li>words ({@link ReplyScreen}, as a reply streams): a locked fact's text or any of its {@code keywords}, the
 *       out-of-character phrases and the quoted never-say phrases, read as {@link FactMentions} reads text — Unicode
 *       compatibility forms, invisible characters, case, possessives ("Raj's"), simple inflections ("bundled"),
 *       dotted acronyms ("As an A.I.") and dates in their common forms ("January 31st") all count;</li>
 *   <li>meaning ({@link FactSimilarity}, with an embedding model): each sentence against each locked fact, so that a
 *       paraphrase without a keyword is caught too. The caller holds each sentence back until it has passed
 *       ({@link SentenceGate}); {@link #check} does both for a complete reply.</li>
 * </ul>
 *
 * <p>A never-say rule is prose for the model ("a firm yes or a signature commitment"); what a rule puts in double
 * quotes ({@code a firm yes such as "we'll sign"}) is also checked here. The prose itself cannot be checked
 * mechanically, and is not: a rule about being an AI is covered by the out-of-character phrases, a rule about a locked
 * fact by the fact's keywords and meaning.
 *
 * <p>Locked facts are never sent to the model, so a hit here means the model guessed (or the rep's guess led it); the
 * guard keeps a lucky guess from reading as a reveal the engine did not make.
 */
public final class ReplyGuard {
    public static final int DEFAULT_MAX_CHARS = 600;

    /** Phrases no prospect says; matched as words, normalised like everything else. */
    static final List<String> OUT_OF_CHARACTER = List.of(
            "as an ai", "as an artificial intelligence", "i am an ai", "i'm an ai", "i am just an ai",
            "i'm just an ai", "i am only an ai", "i'm only an ai", "as a language model", "as an llm", "i am an llm",
            "i'm an llm", "large language model", "i am not a real person", "i'm not a real person",
            "i am not a human", "i'm not a human", "i am not human", "i'm not human", "language model", "ai model",
            "ai assistant", "as an assistant", "i am an assistant", "i'm an assistant", "i am a virtual assistant",
            "i'm a virtual assistant", "virtual assistant", "i am a bot", "i'm a bot", "as a bot", "chatbot",
            "openai", "chatgpt", "system prompt", "my instructions", "my programming", "my training data",
            "i have been instructed", "i've been instructed", "i was instructed", "role-play", "roleplay", "role play",
            "out of character", "stay in character", "this is a simulation", "i am a simulation", "i'm a simulation",
            "just a simulation", "a simulated prospect", "a training exercise");

    /** Text in straight or curly double quotes inside a never-say rule. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile(
            "[\"\u201C\u201D]([^\"\u201C\u201D]+)[\"\u201C\u201D]");

    private final Scenario scenario;
    private final int maxChars;
    private final List<ReplyScreen.Pattern> neverSay;
    private final Optional<FactSimilarity> meaning;

    private ReplyGuard(Scenario scenario, int maxChars, Optional<FactSimilarity> meaning) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        this.scenario = scenario;
        this.maxChars = maxChars;
        this.neverSay = neverSayPatterns(scenario);
        this.meaning = meaning;
    }

    /** The guard with both checks: words, and meaning with this embedder. */
    public static ReplyGuard create(Scenario scenario, int maxChars, TextEmbedder embedder) {
        return new ReplyGuard(scenario, maxChars, Optional.of(FactSimilarity.create(scenario, embedder)));
    }

    /** Words only, no check of meaning: for tests of the word check and tools without the embedding model. */
    public static ReplyGuard wordsOnly(Scenario scenario) {
        return new ReplyGuard(scenario, DEFAULT_MAX_CHARS, Optional.empty());
    }

    /** Words only, no check of meaning: for tests of the word check and tools without the embedding model. */
    public static ReplyGuard wordsOnly(Scenario scenario, int maxChars) {
        return new ReplyGuard(scenario, maxChars, Optional.empty());
    }

    public int maxChars() {
        return maxChars;
    }

    /**
     * Checks a complete reply, given the facts revealed so far (this turn's included): words, then the meaning of each
     * sentence. Blocking when the guard checks meaning (it runs the embedding model).
     */
    public Verdict check(String reply, Collection<String> revealedFactIds) {
        ReplyScreen screen = screen(revealedFactIds);
        Verdict v = screen.offer(reply);
        v = v.ok() ? screen.finish() : v;
        if (!v.ok()) {
            return v;
        }
        Optional<Meaning> m = meaning(revealedFactIds);
        if (m.isEmpty()) {
            return Verdict.OK;
        }
        for (String sentence : FactSimilarity.sentences(reply)) {
            Verdict s = m.get().check(sentence);
            if (!s.ok()) {
                return s;
            }
        }
        return Verdict.OK;
    }

    /** A screen for one streamed reply: releases text only once no word rule can still be broken by it. */
    public ReplyScreen screen(Collection<String> revealedFactIds) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        for (String phrase : OUT_OF_CHARACTER) {
            patterns.add(ReplyScreen.Pattern.of(phrase, Reason.OUT_OF_CHARACTER, "out of character"));
        }
        patterns.addAll(neverSay);
        patterns.addAll(factPatterns(locked(revealedFactIds)));
        return new ReplyScreen(patterns, maxChars);
    }

    /**
     * The check of meaning for one reply, when there is one to make: the guard has an embedding model and some fact is
     * still locked. Empty otherwise, and then released words need no holding back by the sentence.
     */
    public Optional<Meaning> meaning(Collection<String> revealedFactIds) {
        if (locked(revealedFactIds).isEmpty()) {
            return Optional.empty();
        }
        return meaning.map(m -> new Meaning(m, List.copyOf(revealedFactIds)));
    }

    private List<Fact> locked(Collection<String> revealedFactIds) {
        return scenario.facts().stream().filter(f -> !revealedFactIds.contains(f.id())).toList();
    }

    /** The check of meaning of one reply's sentences against the facts locked for it. Blocking; thread-safe. */
    public static final class Meaning {
        private final FactSimilarity similarity;
        private final List<String> revealed;

        private Meaning(FactSimilarity similarity, List<String> revealed) {
            this.similarity = similarity;
            this.revealed = revealed;
        }

        /** Rejects a sentence that says what a locked fact says; the detail names the fact. */
        public Verdict check(String sentence) {
            return similarity.leak(sentence, revealed)
                    .<Verdict>map(h -> new Verdict.Rejected(Reason.LOCKED_FACT, h.factId()))
                    .orElse(Verdict.OK);
        }
    }

    /** The phrases the scenario's never-say rules quote, e.g. {@code "we'll sign"} in a rule's prose. */
    static List<String> quotedPhrases(String rule) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(rule);
        while (m.find()) {
            String p = trimToWords(m.group(1));
            if (!Phrase.of(p).isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<ReplyScreen.Pattern> neverSayPatterns(Scenario scenario) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        scenario.llm().ifPresent(llm -> llm.neverSay().forEach(rule -> quotedPhrases(rule).forEach(p ->
                patterns.add(ReplyScreen.Pattern.of(p, Reason.NEVER_SAY, "never_say: " + p)))));
        return List.copyOf(patterns);
    }

    private static List<ReplyScreen.Pattern> factPatterns(Collection<Fact> facts) {
        List<ReplyScreen.Pattern> patterns = new ArrayList<>();
        for (Fact fact : facts) {
            for (String giveaway : FactMentions.giveaways(fact)) {
                Phrase phrase = Phrase.of(giveaway);
                if (!phrase.isEmpty()) {
                    patterns.add(new ReplyScreen.Pattern(phrase, Reason.LOCKED_FACT, fact.id()));
                }
            }
        }
        return patterns;
    }

    /** Lower-cased, white space collapsed, leading and trailing punctuation dropped: how a quoted phrase is named. */
    private static String trimToWords(String s) {
        String t = Words.plain(s).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int from = 0;
        int to = t.length();
        while (from < to && !Character.isLetterOrDigit(t.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(t.charAt(to - 1)) && t.charAt(to - 1) != '\'') {
            to--;
        }
        return t.substring(from, to);
    }

    public enum Reason {
        /** Talks like a chatbot, not a person on a sales call. */
        OUT_OF_CHARACTER,
        /** Gives away a fact the engine has not revealed: its words, or its meaning. */
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
