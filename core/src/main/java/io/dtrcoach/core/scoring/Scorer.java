package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.scenario.Rubric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
    public static final List<String> DIMENSIONS = List.of("timing", "pressure", "autonomy", "listening", "outcome");

    private static final Map<String, Function<Conversation, Assessment>> ASSESSORS = orderedAssessors();

    private final Coach coach;

    /**
     * @param phrasebook good lines by move label for coaching (the built-in lines fill any label it lacks);
     *                   {@code exampleSet::linesFor} fits
     * @param similarity how alike two lines are, to pick the suggestion closest to what the rep said;
     *                   {@link TextSimilarity#words()} or {@link TextSimilarity#embeddings}
     */
    public Scorer(Phrasebook phrasebook, ToDoubleBiFunction<String, String> similarity) {
        this.coach = new Coach(phrasebook, similarity);
    }

    /** The built-in phrasebook with word-overlap similarity: no model needed. */
    public static Scorer create() {
        return new Scorer(Phrasebook.builtIn(), TextSimilarity.words());
    }

    private static Map<String, Function<Conversation, Assessment>> orderedAssessors() {
        Map<String, Function<Conversation, Assessment>> m = new LinkedHashMap<>();
        m.put("timing", TimingScore::assess);
        m.put("pressure", PressureScore::assess);
        m.put("autonomy", AutonomyScore::assess);
        m.put("listening", ListeningScore::assess);
        m.put("outcome", OutcomeScore::assess);
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
        int overall = overall(dimensions, rubric);
        return new Report(transcript.scenarioId(), overall, overall >= rubric.pass(), rubric.pass(), dimensions,
                delivery(c), outcome(c), transcript.turns().stream().map(TurnView::of).toList(), coaching);
    }

    /**
     * The weighted mean of the dimension scores by the rubric's weights, renormalised over the dimensions it
     * weighs; the default weights when the rubric weighs none of them.
     */
    static int overall(Map<String, Dimension> dimensions, Rubric rubric) {
        Map<String, Double> given = rubric.weights() == null ? Map.of() : rubric.weights();
        Map<String, Double> weights = DIMENSIONS.stream().anyMatch(d -> given.getOrDefault(d, 0.0) > 0)
                ? given : Rubric.DEFAULT_WEIGHTS;
        double sum = 0;
        double weight = 0;
        for (String d : DIMENSIONS) {
            double w = weights.getOrDefault(d, 0.0);
            sum += w * dimensions.get(d).score();
            weight += w;
        }
        return Assessment.clamp(sum / weight, 0, 100);
    }

    private static Delivery delivery(Conversation c) {
        int open = 0;
        int closed = 0;
        int longest = 0;
        for (var t : c.turns()) {
            open += c.asked(t).open();
            closed += c.asked(t).closed();
            longest = Math.max(longest, Words.count(t.rep()));
        }
        int rep = c.repWords();
        int prospect = c.prospectWords();
        int questions = open + closed;
        return new Delivery(questions, open, closed,
                questions == 0 ? 0 : (int) Math.round(100.0 * open / questions),
                closed == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.round(100.0 * open / closed) / 100.0),
                rep + prospect == 0 ? 0 : (int) Math.round(100.0 * rep / (rep + prospect)),
                longest, rep, prospect, c.turns().size());
    }

    private static OutcomeSummary outcome(Conversation c) {
        Optional<String> ending = c.transcript().ending();
        return new OutcomeSummary(ending, OutcomeScore.outcomeOf(c), c.transcript().revealedFacts(),
                c.scenario().facts().size());
    }
}
