package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.core.scenario.ScoreDimension;
import io.dtrcoach.core.scenario.Timing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * Scores a conversation: timing, pressure, autonomy, listening and outcome (0–100 each, with evidence and a
 * one-sentence explanation), the rubric-weighted overall and pass, delivery figures, and coaching for each
 * weak dimension. Deterministic: the same engine and transcript always give the same report. Thread-safe
 * when its phrasebook and similarity are.
 */
public final class Scorer {
    /** Dimensions scoring below this get a coaching suggestion. */
    public static final int WEAK_BELOW = 70;
    private static final List<String> DIMENSIONS = Rubric.DIMENSIONS;
    /** How alike (sentence-embedding cosine) an example line must be to what the rep said to be suggested. */
    static final double MIN_EXAMPLE_SIMILARITY = 0.45;

    private static final Map<String, Function<Conversation, Assessment>> ASSESSORS = orderedAssessors();

    private final Coach coach;

    /**
     * @param phrasebook good lines by move label for coaching (the built-in lines fill any label it lacks);
     *                   {@code exampleSet::linesFor} fits
     * @param similarity how alike two lines are, to pick the suggestion closest to what the rep said;
     *                   {@link TextSimilarity#words()} or {@link TextSimilarity#embeddings}
     */
    public Scorer(Phrasebook phrasebook, ToDoubleBiFunction<String, String> similarity) {
        this(phrasebook, similarity, Double.NEGATIVE_INFINITY);
    }

    /**
     * @param minSimilarity a phrasebook line must be at least this alike to what the rep said to be suggested;
     *                      otherwise a built-in generic line is
     */
    Scorer(Phrasebook phrasebook, ToDoubleBiFunction<String, String> similarity, double minSimilarity) {
        this.coach = new Coach(phrasebook, similarity, minSimilarity);
    }

    /**
     * What the application wants: coaching lines from the classifier's examples (never one carrying a pressure
     * label) that are close in meaning to what the rep said (sentence-embedding cosine at least
     * {@value #MIN_EXAMPLE_SIMILARITY}: a paraphrase or the same topic, where unrelated lines sit at 0.2–0.35), else
     * the built-in generic lines.
     */
    public static Scorer create(ExampleSet examples, TextEmbedder embedder) {
        return new Scorer(Phrasebook.fromExamples(examples), TextSimilarity.embeddings(embedder),
                MIN_EXAMPLE_SIMILARITY);
    }


    /** The built-in phrasebook with word-overlap similarity: no model needed. */
    public static Scorer create() {
        return new Scorer(Phrasebook.builtIn(), TextSimilarity.words());
    }

    private static Map<String, Function<Conversation, Assessment>> orderedAssessors() {
        Map<String, Function<Conversation, Assessment>> m = new LinkedHashMap<>();
        for (ScoreDimension d : ScoreDimension.values()) {
            m.put(d.id(), switch (d) {
                case TIMING -> TimingScore::assess;
                case PRESSURE -> PressureScore::assess;
                case AUTONOMY -> AutonomyScore::assess;
                case LISTENING -> ListeningScore::assess;
                case OUTCOME -> OutcomeScore::assess;
            });
        }
        return m;
    }

    public Report score(Engine engine, Transcript transcript) {
        if (!engine.scenario().id().equals(transcript.scenarioId())) {
            throw new IllegalArgumentException("transcript of scenario '" + transcript.scenarioId()
                    + "' scored against scenario '" + engine.scenario().id() + "'");
        }
        Conversation c = new Conversation(engine, transcript);
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        List<Coaching> coaching = new ArrayList<>();
        Set<String> suggested = new HashSet<>();
        ASSESSORS.forEach((name, assessor) -> {
            Assessment a = assessor.apply(c);
            dimensions.put(name, a.dimension());
            if (a.dimension().score() < WEAK_BELOW) {
                a.focus().flatMap(f -> coach.advise(c, name, f, suggested)).ifPresent(coaching::add);
            }
        });
        Rubric rubric = engine.scenario().rubric() == null ? Rubric.defaults() : engine.scenario().rubric();
        Map<String, Double> weights = weights(rubric);
        dimensions.replaceAll((name, d) -> d.weighted(weights.get(name)));
        int overall = overall(dimensions);
        OutcomeSummary outcome = outcome(c);
        return new Report(transcript.scenarioId(), overall, passes(overall, rubric.pass(), outcome.success()),
                rubric.pass(), dimensions, delivery(c), outcome, timing(c), transcript.opening(),
                transcript.turns().stream().map(TurnView::of).toList(), coaching);
    }

    /**
     * The rubric's weights renormalised to sum to 1 over the five dimensions; the default weights when the rubric
     * weighs none of them.
     */
    static Map<String, Double> weights(Rubric rubric) {
        Map<String, Double> given = rubric.weights() == null ? Map.of() : rubric.weights();
        Map<String, Double> raw = DIMENSIONS.stream().anyMatch(d -> given.getOrDefault(d, 0.0) > 0)
                ? given : Rubric.DEFAULT_WEIGHTS;
        double total = DIMENSIONS.stream().mapToDouble(d -> Math.max(0, raw.getOrDefault(d, 0.0))).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String d : DIMENSIONS) {
            out.put(d, Math.max(0, raw.getOrDefault(d, 0.0)) / total);
        }
        return out;
    }

    /** The weighted mean of the dimension scores. */
    static int overall(Map<String, Dimension> dimensions) {
        double sum = 0;
        for (String d : DIMENSIONS) {
            sum += dimensions.get(d).weight() * dimensions.get(d).score();
        }
        return Assessment.clamp(sum, 0, 100);
    }

    private static TimingSummary timing(Conversation c) {
        Timing t = c.scenario().timing();
        return new TimingSummary(new TimingSummary.Window(t.fromTurn(), t.toTurn()),
                c.firstAsk().map(turn -> OptionalInt.of(turn.number())).orElse(OptionalInt.empty()));
    }

    private static Delivery delivery(Conversation c) {
        int open = 0;
        int closed = 0;
        int longest = 0;
        for (var t : c.turns()) {
            open += c.asked(t).open();
            closed += c.asked(t).closed();
            longest = Math.max(longest, c.line(t).repWords());
        }
        int rep = c.repWords();
        int prospect = c.prospectWords();
        int questions = open + closed;
        return new Delivery(questions, open, closed,
                questions == 0 ? 0 : (int) Math.round(100.0 * open / questions),
                closed == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.round(100.0 * open / closed) / 100.0),
                rep + prospect == 0 ? 0 : (int) Math.round(100.0 * rep / (rep + prospect)),
                longest, rep, prospect, (int) c.turns().stream().filter(t -> t.hasMove(MoveLabel.SUMMARY.id())).count(),
                c.turns().size());
    }

    /** The pass rule: the mark reached, and an ending the scenario marks as the lesson learned. */
    public static boolean passes(int overall, int pass, boolean success) {
        return success && overall >= pass;
    }

    private static boolean success(Conversation c) {
        return c.transcript().ending().map(id -> c.scenario().endings().get(id)).map(e -> e.success())
                .orElse(false);
    }

    private static OutcomeSummary outcome(Conversation c) {
        Optional<String> ending = c.transcript().ending();
        List<OutcomeSummary.RevealedFact> revealed = new ArrayList<>();
        for (var t : c.turns()) {
            for (String id : t.revealed()) {
                revealed.add(new OutcomeSummary.RevealedFact(id,
                        c.scenario().fact(id).map(Fact::text).orElse(id), t.number()));
            }
        }
        return new OutcomeSummary(ending, OutcomeScore.outcomeOf(c), c.transcript().revealedFacts(),
                c.scenario().facts().size(), OutcomeScore.decisionTurn(c).isPresent(), revealed, success(c));
    }
}
