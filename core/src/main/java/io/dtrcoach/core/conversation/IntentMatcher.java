package io.dtrcoach.core.conversation;

import com.google.common.base.Suppliers;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.Scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Matches a rep's line to a scenario's topic intents. The whole line and each of its sentences are compared, so
 * "Thanks for your time. What's changed on your side?" still matches the second sentence's intent. An intent
 * matches when
 * <ol>
 *   <li>one of its keywords occurs on word boundaries ({@code via = "keyword"}), or</li>
 *   <li>the line (or one of its sentences) is at least the intent's {@code threshold} cosine-similar to one of its
 *       examples ({@code via = "embedding"}), or</li>
 *   <li>the <em>nearest-intent rule</em> ({@code via = "closest"}): a sentence (or the whole line) is at most
 *       {@link Intent#CLOSEST_SLACK} below the threshold of the intent it is nearest to, at least
 *       {@link Intent#CLOSEST_MARGIN} nearer to it than to any other intent of the scenario, <em>and</em> at least
 *       {@link Intent#GENERIC_MARGIN} nearer to it than to every generic rep line ({@link #GENERIC_LINES}: small talk,
 *       pitches, asking where the deal stands, making no safe, the decision process, pressure, admin…). The rule does
 *       not apply to strict intents (threshold of {@link Intent#CLOSEST_MAX_THRESHOLD} or more): a trainer raises a
 *       threshold when lines that merely share a name come close, and the rule must not undo that.</li>
 * </ol>
 *
 * <p>Why the generic lines: the rule used to compare the nearest intent only with the scenario's other intents. With
 * the one to four topic intents a scenario has, "clearly nearest" then said nothing about whether the line was about
 * the topic at all, and ordinary lines matched ("What's been keeping you busy lately?" matched committee-call's
 * {@code asks_what_each_needs} and revealed a fact). The generic lines stand for everything a rep says that is not a
 * scenario topic, so a line below the threshold matches only when it is nearer to the topic than to ordinary talk.
 * Paraphrases of a topic typically score 0.05–0.13 under their intent's threshold; this rule keeps most of them
 * (they are far from generic talk) and rejects the generic lines the old rule let through.
 */
public final class IntentMatcher {
    /** Classpath location of the generic rep lines the nearest-intent rule compares against. */
    public static final String GENERIC_LINES = "/io/dtrcoach/core/conversation/generic-rep-lines.txt";
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private final TextEmbedder embedder;
    /** Example vectors and keyword patterns per scenario, built once per loaded scenario. */
    private final LoadingCache<Scenario, List<IntentIndex>> indexes;
    /** The generic lines' vectors, embedded the first time the nearest-intent rule needs them. */
    private final Supplier<List<float[]>> generic;

    public IntentMatcher(TextEmbedder embedder) {
        this(embedder, shippedGenericLines());
    }

    /** A matcher whose nearest-intent rule compares against these generic lines instead of the shipped ones. */
    public IntentMatcher(TextEmbedder embedder, List<String> genericLines) {
        this.embedder = embedder;
        this.indexes = CacheBuilder.newBuilder().weakKeys().build(CacheLoader.from(this::index));
        List<String> lines = List.copyOf(genericLines);
        this.generic = Suppliers.memoize(() -> lines.stream().map(embedder::embed).toList());
    }

    public List<MatchedIntent> match(Scenario scenario, String text) {
        List<float[]> segments = segments(text);
        List<IntentIndex> intents = indexes.getUnchecked(scenario);
        List<MatchedIntent> matched = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (IntentIndex intent : intents) {
            double best = intent.bestSimilarity(segments);
            if (intent.keywordHit(text)) {
                matched.add(new MatchedIntent(intent.id, 1.0, "keyword"));
                ids.add(intent.id);
            } else if (best >= intent.threshold) {
                matched.add(new MatchedIntent(intent.id, round(best), "embedding"));
                ids.add(intent.id);
            }
        }
        for (float[] segment : segments) {
            nearest(intents, segment).filter(n -> !ids.contains(n.id())).ifPresent(n -> {
                matched.add(n);
                ids.add(n.id());
            });
        }
        matched.sort(Comparator.comparingDouble(MatchedIntent::similarity).reversed()
                .thenComparing(MatchedIntent::id));
        return matched;
    }

    /** The nearest-intent rule for one segment of the line (see the class comment). */
    private java.util.Optional<MatchedIntent> nearest(List<IntentIndex> intents, float[] segment) {
        IntentIndex closest = null;
        double closestSim = 0;
        double runnerUp = 0;
        for (IntentIndex intent : intents) {
            double s = intent.similarity(segment);
            if (s > closestSim) {
                runnerUp = closestSim;
                closestSim = s;
                closest = intent;
            } else if (s > runnerUp) {
                runnerUp = s;
            }
        }
        if (closest == null || closest.threshold >= Intent.CLOSEST_MAX_THRESHOLD
                || closestSim < closest.threshold - Intent.CLOSEST_SLACK
                || closestSim - runnerUp < Intent.CLOSEST_MARGIN
                || closestSim - genericSimilarity(segment) < Intent.GENERIC_MARGIN) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MatchedIntent(closest.id, round(closestSim), "closest"));
    }

    /** The segment's best similarity to the generic rep lines. */
    private double genericSimilarity(float[] segment) {
        double best = 0;
        for (float[] g : generic.get()) {
            best = Math.max(best, TextEmbedder.cosine(segment, g));
        }
        return best;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 1000) / 1000.0;
    }

    /** The best similarity of the line to each intent's examples, for the trainer's debug view. */
    public double similarity(Scenario scenario, String intentId, String text) {
        List<float[]> segments = segments(text);
        return indexes.getUnchecked(scenario).stream().filter(i -> i.id.equals(intentId))
                .mapToDouble(i -> i.bestSimilarity(segments)).findFirst().orElse(0);
    }

    /** The line's best similarity to the generic rep lines (whole line or one of its sentences), for debugging. */
    public double genericSimilarity(String text) {
        return segments(text).stream().mapToDouble(this::genericSimilarity).max().orElse(0);
    }

    private List<float[]> segments(String text) {
        List<String> texts = texts(text);
        embedder.warm(texts);
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embedder.embed(t));
        }
        return out;
    }

    /** What a line is matched on: the whole line, then each of its sentences when it has more than one. */
    static List<String> texts(String text) {
        List<String> out = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return out;
        }
        out.add(trimmed);
        String[] sentences = SENTENCE_END.split(trimmed);
        if (sentences.length > 1) {
            for (String s : sentences) {
                if (!s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private List<IntentIndex> index(Scenario scenario) {
        List<IntentIndex> out = new ArrayList<>();
        for (Intent intent : scenario.intents().values()) {
            List<float[]> vectors = intent.examples().stream().map(embedder::embed).toList();
            List<Pattern> keywords = intent.keywords().stream()
                    .map(k -> Pattern.compile("(?<![\\p{L}\\p{N}'])" + Pattern.quote(k.strip()) + "(?![\\p{L}\\p{N}'])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                    .toList();
            out.add(new IntentIndex(intent.id(), intent.threshold(), vectors, keywords));
        }
        return List.copyOf(out);
    }

    /** The shipped generic rep lines ({@link #GENERIC_LINES}), without comments and blank lines. */
    public static List<String> shippedGenericLines() {
        try (InputStream in = IntentMatcher.class.getResourceAsStream(GENERIC_LINES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + GENERIC_LINES);
            }
            List<String> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record IntentIndex(String id, double threshold, List<float[]> examples, List<Pattern> keywords) {
        boolean keywordHit(String text) {
            return keywords.stream().anyMatch(p -> p.matcher(text).find());
        }

        double similarity(float[] segment) {
            double best = 0;
            for (float[] e : examples) {
                best = Math.max(best, TextEmbedder.cosine(segment, e));
            }
            return best;
        }

        double bestSimilarity(List<float[]> segments) {
            double best = 0;
            for (float[] s : segments) {
                best = Math.max(best, similarity(s));
            }
            return best;
        }
    }
}
