package io.dtrcoach.core.conversation;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches a rep's line to a scenario's intents: keywords on word boundaries, or sentence-embedding similarity
 * to the intent's examples at or above its threshold. The whole line and each of its sentences are compared,
 * so "Thanks for your time. What's changed on your side?" still matches the second sentence's intent.
 */
public final class IntentMatcher {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private final TextEmbedder embedder;
    /** Example vectors and keyword patterns per scenario, built once per loaded scenario. */
    private final LoadingCache<Scenario, List<IntentIndex>> indexes;

    public IntentMatcher(TextEmbedder embedder) {
        this.embedder = embedder;
        this.indexes = CacheBuilder.newBuilder().weakKeys().build(CacheLoader.from(this::index));
    }

    public List<MatchedIntent> match(Scenario scenario, String text) {
        List<float[]> segments = segments(text);
        List<MatchedIntent> matched = new ArrayList<>();
        IntentIndex closest = null;
        double closestSim = 0;
        double runnerUp = 0;
        for (IntentIndex intent : indexes.getUnchecked(scenario)) {
            double best = intent.bestSimilarity(segments);
            if (best > closestSim) {
                runnerUp = closestSim;
                closestSim = best;
                closest = intent;
            } else if (best > runnerUp) {
                runnerUp = best;
            }
            if (intent.keywordHit(text)) {
                matched.add(new MatchedIntent(intent.id, 1.0, "keyword"));
            } else if (best >= intent.threshold) {
                matched.add(new MatchedIntent(intent.id, round(best), "embedding"));
            }
        }
        String closestId = closest == null ? null : closest.id;
        if (closestId != null && closestSim >= closest.threshold - Intent.CLOSEST_SLACK
                && closestSim - runnerUp >= Intent.CLOSEST_MARGIN
                && matched.stream().noneMatch(m -> m.id().equals(closestId))) {
            matched.add(new MatchedIntent(closestId, round(closestSim), "closest"));
        }
        matched.sort(Comparator.comparingDouble(MatchedIntent::similarity).reversed()
                .thenComparing(MatchedIntent::id));
        return matched;
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

    private List<float[]> segments(String text) {
        List<float[]> out = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return out;
        }
        out.add(embedder.embed(trimmed));
        String[] sentences = SENTENCE_END.split(trimmed);
        if (sentences.length > 1) {
            for (String s : sentences) {
                if (!s.isBlank()) {
                    out.add(embedder.embed(s));
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

    private record IntentIndex(String id, double threshold, List<float[]> examples, List<Pattern> keywords) {
        boolean keywordHit(String text) {
            return keywords.stream().anyMatch(p -> p.matcher(text).find());
        }

        double bestSimilarity(List<float[]> segments) {
            double best = 0;
            for (float[] s : segments) {
                for (float[] e : examples) {
                    best = Math.max(best, TextEmbedder.cosine(s, e));
                }
            }
            return best;
        }
    }
}
