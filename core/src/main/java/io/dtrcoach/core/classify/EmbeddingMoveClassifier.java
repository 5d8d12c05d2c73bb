package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline move classifier. Two voices, combined per label:
 * <ul>
 *   <li>nearest neighbours: the line, each of its sentences and each longer clause is embedded and compared with
 *   the labelled examples; a label is voted in when enough of the most similar examples carry it (similarity
 *   weighted). Several segments let one line carry several moves.</li>
 *   <li>{@link LexicalRules}: precise phrase rules for what embeddings blur (question form, tag questions,
 *   deadline-plus-threat, "everyone else already…", "we've earned…", "you need to…").</li>
 * </ul>
 * Question form (open or closed) comes from the rules alone: it is syntax, not meaning. Immutable, so thread-safe;
 * deterministic because neighbours are ranked by similarity, then by example order.
 */
public final class EmbeddingMoveClassifier implements MoveClassifier {
    /** Tuned by leave-one-out on the shipped examples (see {@code ClassifierTuning} in the tests), never on eval. */
    record Tuning(int neighbours, double voteThreshold, double pressureThreshold, double leadingThreshold,
                  double minSimilarity, boolean clauses, boolean excludeSelf, double probeWeight) {
        static final Tuning DEFAULT = new Tuning(7, 0.55, 0.8, 0.9, 0.25, false, false, 0.5);

        Tuning excludingSelf() {
            return new Tuning(neighbours, voteThreshold, pressureThreshold, leadingThreshold, minSimilarity, clauses,
                    true, probeWeight);
        }
    }

    private static final Set<MoveLabel> FORM = EnumSet.of(MoveLabel.OPEN_QUESTION, MoveLabel.CLOSED_QUESTION);
    private static final double SELF = 0.9999;

    private final TextEmbedder embedder;
    private final ExampleSet examples;
    /** Mean of the shipped examples' embeddings; subtracted from every vector (see {@link #centre}). */
    private final float[] mean;
    private final float[][] vectors;
    private final List<Set<MoveLabel>> labels;
    private final LinearProbe probe;
    private final Tuning tuning;

    private EmbeddingMoveClassifier(TextEmbedder embedder, ExampleSet examples, float[] mean, float[][] vectors,
                                    List<Set<MoveLabel>> labels, LinearProbe probe, Tuning tuning) {
        this.embedder = embedder;
        this.examples = examples;
        this.mean = mean;
        this.vectors = vectors;
        this.labels = labels;
        this.probe = probe;
        this.tuning = tuning;
    }

    /** The classifier over the shipped example set. Embeds every example once (a few seconds on first use). */
    public static EmbeddingMoveClassifier create(TextEmbedder embedder) {
        return create(embedder, ExampleSet.shipped());
    }

    public static EmbeddingMoveClassifier create(TextEmbedder embedder, ExampleSet examples) {
        return create(embedder, examples, Tuning.DEFAULT);
    }

    static EmbeddingMoveClassifier create(TextEmbedder embedder, ExampleSet examples, Tuning tuning) {
        List<LabelledLine> lines = examples.lines();
        if (lines.isEmpty()) {
            throw new ExampleSetInvalid("the classifier needs at least one example");
        }
        float[][] raw = new float[lines.size()][];
        List<Set<MoveLabel>> labels = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            raw[i] = embedder.embedEarly(lines.get(i).text());
            labels.add(toLabels(lines.get(i).labels()));
        }
        float[] mean = new float[raw[0].length];
        for (float[] v : raw) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += v[j] / raw.length;
            }
        }
        float[][] vectors = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            vectors[i] = centre(raw[i], mean);
        }
        List<Set<MoveLabel>> frozen = List.copyOf(labels);
        return new EmbeddingMoveClassifier(embedder, examples, mean, vectors, frozen,
                LinearProbe.train(vectors, frozen), tuning);
    }

    /**
     * A classifier that also compares against a scenario's own examples ({@code classifier_examples:} in the
     * scenario file: label → lines). Only the new lines are embedded; this classifier is unchanged.
     *
     * @throws ExampleSetInvalid for an unknown label or an empty line
     */
    public EmbeddingMoveClassifier withExtraExamples(Map<String, List<String>> labelToLines) {
        ExampleSet extra = ExampleSet.of(labelToLines);
        if (extra.size() == 0) {
            return this;
        }
        float[][] all = Arrays.copyOf(vectors, vectors.length + extra.size());
        List<Set<MoveLabel>> allLabels = new ArrayList<>(labels);
        for (int i = 0; i < extra.size(); i++) {
            LabelledLine line = extra.lines().get(i);
            all[vectors.length + i] = centre(embedder.embedEarly(line.text()), mean);
            allLabels.add(toLabels(line.labels()));
        }
        List<Set<MoveLabel>> frozen = List.copyOf(allLabels);
        return new EmbeddingMoveClassifier(embedder, examples.plus(extra), mean, all, frozen,
                LinearProbe.train(all, frozen), tuning);
    }

    /** The examples this classifier compares against, shipped plus any extras. */
    public ExampleSet examples() {
        return examples;
    }

    EmbeddingMoveClassifier withTuning(Tuning other) {
        return new EmbeddingMoveClassifier(embedder, examples, mean, vectors, labels, probe, other);
    }

    @Override
    public List<Move> classify(String text) {
        if (text == null || text.isBlank()) {
            return List.of(new Move(MoveLabel.OTHER.id(), 1.0));
        }
        Map<MoveLabel, Double> rules = new EnumMap<>(MoveLabel.class);
        // What the rules find per piece of text, so that a sentence that is also a segment is read once.
        Map<String, Map<MoveLabel, Double>> ruleHits = new HashMap<>();
        boolean asks = false;
        for (String sentence : Segmenter.sentences(text)) {
            ruleHits.computeIfAbsent(sentence, LexicalRules::apply).forEach((label, c) -> rules.merge(label, c, Math::max));
            asks |= LexicalRules.asks(sentence);
        }
        Map<MoveLabel, Double> votes = new EnumMap<>(MoveLabel.class);
        for (String segment : Segmenter.segments(text, tuning.clauses())) {
            segmentVotes(segment, ruleHits.computeIfAbsent(segment, LexicalRules::apply))
                    .forEach((label, v) -> votes.merge(label, v, Math::max));
        }
        return decide(rules, votes, asks);
    }

    /** For the trainer's debug view and for tuning: what each voice said about the line. */
    String explain(String text) {
        StringBuilder out = new StringBuilder();
        for (String sentence : Segmenter.sentences(text)) {
            out.append("rules  ").append(sentence).append(" -> ").append(LexicalRules.apply(sentence)).append('\n');
        }
        for (String segment : Segmenter.segments(text, tuning.clauses())) {
            out.append("votes  ").append(segment).append(" -> ").append(segmentVotes(segment, LexicalRules.apply(segment)))
                    .append('\n');
        }
        return out.append("moves  ").append(classify(text)).append('\n').toString();
    }

    /**
     * The embedding's votes for one segment. A segment that takes pressure off ("There's no rush", "Sorry, that came
     * out pushier than I meant", "we'll bow out for now") sits close to the pressure it mentions or undoes, so its
     * pressure votes are dropped; the rules still see any real pressure in it.
     */
    private Map<MoveLabel, Double> segmentVotes(String segment, Map<MoveLabel, Double> ruleHits) {
        Map<MoveLabel, Double> v = embeddingVotes(centre(embedder.embedEarly(segment), mean));
        if (LexicalRules.deescalates(segment, ruleHits)) {
            v.keySet().removeIf(MoveLabel::isPressure);
        }
        return v;
    }

    private List<Move> decide(Map<MoveLabel, Double> rules, Map<MoveLabel, Double> votes, boolean asks) {
        Map<MoveLabel, Double> out = new EnumMap<>(MoveLabel.class);
        rules.forEach((label, c) -> {
            double vote = votes.getOrDefault(label, 0.0);
            out.put(label, 1 - (1 - c) * (1 - vote)); // agreeing voices raise confidence
        });
        boolean rulePressure = rules.keySet().stream().anyMatch(MoveLabel::isPressure);
        // The rules read the question's syntax: when they found a genuine open or closed question, the neighbours'
        // "leading" is only topic similarity to leading examples, not a built-in answer.
        boolean ruleForm = rules.keySet().stream().anyMatch(FORM::contains);
        votes.forEach((label, vote) -> {
            if (FORM.contains(label) || label == MoveLabel.OTHER || out.containsKey(label)) {
                return;
            }
            // Pressure is mostly phrasing, which the rules see better; the neighbours add a kind of pressure only
            // when the rules found none and the vote is clear. Leading is syntax: the neighbours almost never.
            // Learning the decision process means asking about it: a statement that mentions legal or procurement
            // ("Friday works for the security review") is near the process examples in topic only.
            if (label.isPressure() && rulePressure || label == MoveLabel.PRESSURE_LEADING && ruleForm
                    || label == MoveLabel.DECISION_PROCESS && !asks) {
                return;
            }
            double threshold = label == MoveLabel.PRESSURE_LEADING ? tuning.leadingThreshold()
                    : label.isPressure() ? tuning.pressureThreshold() : tuning.voteThreshold();
            if (vote >= threshold) {
                out.put(label, vote);
            }
        });
        if (out.containsKey(MoveLabel.PRESSURE_LEADING)) {
            out.remove(MoveLabel.CLOSED_QUESTION); // a leading question is not a genuine yes/no question
        }
        if (out.isEmpty()) {
            return List.of(new Move(MoveLabel.OTHER.id(), round(Math.max(0.5, votes.getOrDefault(MoveLabel.OTHER, 0.0)))));
        }
        List<Move> moves = new ArrayList<>();
        out.forEach((label, c) -> moves.add(new Move(label.id(), round(c))));
        moves.sort(Comparator.comparingDouble(Move::confidence).reversed().thenComparing(Move::label));
        return List.copyOf(moves);
    }

    /**
     * The embedding's say per label: a blend of the nearest-neighbour vote and the linear probe's probability. For
     * the pressure family, the blended "any pressure" score goes to the most likely kind when it clears the bar.
     */
    private Map<MoveLabel, Double> embeddingVotes(float[] query) {
        double a = tuning.probeWeight();
        Map<MoveLabel, Double> knn = a < 1 ? neighbourVotes(query) : Map.of();
        Map<MoveLabel, Double> probs = a > 0 ? probe.probabilities(query) : Map.of();
        Map<MoveLabel, Double> out = new EnumMap<>(MoveLabel.class);
        for (MoveLabel l : MoveLabel.values()) {
            double v = (1 - a) * knn.getOrDefault(l, 0.0) + a * probs.getOrDefault(l, 0.0);
            if (v > 0) {
                out.put(l, v);
            }
        }
        if (a > 0) {
            double knnPressure = knn.entrySet().stream().filter(e -> e.getKey().isPressure())
                    .mapToDouble(Map.Entry::getValue).max().orElse(0);
            double pressure = (1 - a) * knnPressure + a * probe.pressure(query);
            if (pressure >= tuning.pressureThreshold()) {
                MoveLabel top = out.entrySet().stream().filter(e -> e.getKey().isPressure())
                        .max(Map.Entry.<MoveLabel, Double>comparingByValue()
                                .thenComparing(e -> -e.getKey().ordinal()))
                        .map(Map.Entry::getKey).orElse(MoveLabel.PRESSURE_CONTROLLING);
                out.merge(top, pressure, Math::max);
            }
        }
        return out;
    }

    /**
     * Similarity-weighted share of the nearest examples carrying each label; for the pressure family, any
     * pressure label counts towards the most voted pressure label, so a line between two kinds is still pressure.
     */
    private Map<MoveLabel, Double> neighbourVotes(float[] query) {
        int k = Math.min(tuning.neighbours(), vectors.length);
        int[] best = new int[k];
        double[] bestSim = new double[k];
        Arrays.fill(best, -1);
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double sim = TextEmbedder.cosine(query, vectors[i]);
            if (tuning.excludeSelf() && sim >= SELF) {
                continue;
            }
            if (sim > bestSim[k - 1]) {
                int j = k - 1;
                while (j > 0 && sim > bestSim[j - 1]) {
                    bestSim[j] = bestSim[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                bestSim[j] = sim;
                best[j] = i;
            }
        }
        Map<MoveLabel, Double> weight = new EnumMap<>(MoveLabel.class);
        double total = 0;
        double pressure = 0;
        for (int j = 0; j < k; j++) {
            if (best[j] < 0) {
                continue;
            }
            // Weak neighbours still count in the denominator: two faint matches must not make a unanimous vote.
            double w = Math.max(0, bestSim[j]);
            total += w;
            if (bestSim[j] < tuning.minSimilarity()) {
                continue;
            }
            Set<MoveLabel> ls = labels.get(best[j]);
            for (MoveLabel l : ls) {
                weight.merge(l, w, Double::sum);
            }
            if (ls.stream().anyMatch(MoveLabel::isPressure)) {
                pressure += w;
            }
        }
        Map<MoveLabel, Double> votes = new EnumMap<>(MoveLabel.class);
        if (total == 0) {
            return votes;
        }
        for (Map.Entry<MoveLabel, Double> e : weight.entrySet()) {
            votes.put(e.getKey(), e.getValue() / total);
        }
        if (pressure / total >= tuning.pressureThreshold()) {
            MoveLabel top = weight.entrySet().stream().filter(e -> e.getKey().isPressure())
                    .max(Map.Entry.<MoveLabel, Double>comparingByValue().thenComparing(e -> -e.getKey().ordinal()))
                    .map(Map.Entry::getKey).orElseThrow();
            votes.merge(top, pressure / total, Math::max);
        }
        return votes;
    }

    /**
     * Subtracts the examples' mean and rescales to unit length. Sentence embeddings share a large common direction
     * (any two rep lines look alike to the model); removing it spreads the moves apart for both voices.
     */
    private static float[] centre(float[] v, float[] mean) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] - mean[j];
            norm += out[j] * out[j];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                out[j] = (float) (out[j] / norm);
            }
        }
        return out;
    }

    private static Set<MoveLabel> toLabels(List<String> ids) {
        Set<MoveLabel> out = EnumSet.noneOf(MoveLabel.class);
        for (String id : ids) {
            out.add(MoveLabel.fromId(id).orElseThrow(() -> new ExampleSetInvalid("unknown label '" + id + "'")));
        }
        return out;
    }

    private static double round(double c) {
        return Math.round(Math.min(1, Math.max(0, c)) * 1000) / 1000.0;
    }
}
