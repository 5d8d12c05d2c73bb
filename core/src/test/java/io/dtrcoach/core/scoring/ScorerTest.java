package io.dtrcoach.core.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorerTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    /** A good call: contract up front, open questions, a summary, a timely ask, a clean no. */
    private Talk goodCall(Engine e) {
        return goodCall(e, Ending.Outcome.no);
    }

    private Talk goodCall(Engine e, Ending.Outcome ending) {
        return Talk.on(e)
                .rep("Before we start: it's completely fine if the answer today is no.", "permission_no")
                .reply("Oh. Thanks, that helps.").change("comfort", 20).change("defensiveness", -15)
                .rep("What's changed since we last spoke?", "open_question")
                .reply("The board froze new spend until Q3, and honestly I'm embarrassed.").reveals("budget_freeze")
                .rep("So the board froze new spend until Q3. Did I get that right?", "summary")
                .reply("Yes, that's it.")
                .rep("Would it be a bad idea to talk about where this is really heading?", "dtr_ask")
                .reply("It isn't happening this year. I'm sorry.")
                .rep("Thank you for telling me. Who would need to sign off if it came back next year?",
                        "decision_process", "open_question")
                .reply("The CFO and procurement.").ends(ending);
    }

    /** A bad call: a late ask after an ultimatum and leading questions, ending in a coerced yes. */
    private Talk badCall(Engine e) {
        return Talk.on(e)
                .rep("Did you get my emails?", "closed_question").reply("I did, yes.")
                .rep("Sign by Friday or I'm closing your file.", "pressure.ultimatum").change("defensiveness", 30)
                .reply("That's not how we work.")
                .rep("There's really no reason not to move forward, is there?", "pressure.leading")
                .change("defensiveness", 10).reply("I suppose not.")
                .rep("Did the pilot go well?", "closed_question").reply("Fine.")
                .rep("Are you happy with the price?", "closed_question").reply("It's okay.")
                .rep("Is it still a priority?", "closed_question").reply("Sort of.")
                .rep("So are we doing this?", "dtr_ask").reply("Fine. Yes.").ends(Ending.Outcome.yes);
    }

    @Test
    void should_pass_a_good_call_and_fail_a_bad_one() {
        Report good = scorer.score(engine, goodCall(engine).build());
        Report bad = scorer.score(engine, badCall(engine).build());

        assertThat(good.passed()).isTrue();
        assertThat(good.overall()).isGreaterThanOrEqualTo(good.pass());
        assertThat(bad.passed()).isFalse();
        assertThat(bad.overall()).isLessThan(bad.pass());
        assertThat(good.overall()).isGreaterThan(bad.overall() + 30);
    }

    @Test
    void should_not_pass_a_call_that_reached_no_success_ending_whatever_its_mark() {
        Report lesson = scorer.score(engine, goodCall(engine).build());
        Report drifted = scorer.score(engine, goodCall(engine, Ending.Outcome.no_decision).build());

        assertThat(lesson.outcome().success()).isTrue();
        assertThat(drifted.outcome().success()).isFalse();
        assertThat(drifted.overall()).isGreaterThanOrEqualTo(drifted.pass());
        assertThat(drifted.passed()).isFalse();
    }

    @Test
    void should_never_coach_a_next_step_after_a_clean_no_that_was_the_lesson() {
        Conversation cleanNo = new Conversation(engine, goodCall(engine).build());
        Conversation drifted = new Conversation(engine, goodCall(engine, Ending.Outcome.no_decision).build());

        assertThat(Coach.fitting(cleanNo, List.of("next_step", "dtr_ask"))).containsExactly("dtr_ask");
        assertThat(Coach.fitting(drifted, List.of("next_step", "dtr_ask"))).containsExactly("next_step", "dtr_ask");
    }

    @Test
    void should_never_coach_a_stakeholder_the_scenario_does_not_have() {
        Stakeholders roles = new Stakeholders(Fixture.scenario().build());

        assertThat(roles.fits("Shall we book thirty minutes with your CFO next Tuesday?")).isTrue();
        assertThat(roles.fits("Could we get your procurement team on a call?")).isFalse();
        assertThat(roles.fits("What would need to be true for this to go ahead?")).isTrue();
    }

    @Test
    void should_count_reflections_in_listening_by_the_reflection_to_question_ratio() {
        assertThat(ListeningScore.reflectionScore(0, 4)).isEqualTo(ListeningScore.NO_REFLECTIONS);
        assertThat(ListeningScore.reflectionScore(1, 4)).isBetween(70, 90);
        assertThat(ListeningScore.reflectionScore(2, 4)).isEqualTo(100);
        assertThat(ListeningScore.reflectionScore(0.5, 4)).isLessThan(ListeningScore.reflectionScore(1, 4));
    }

    @Test
    void should_keep_dimensions_in_order_each_with_an_explanation() {
        Report r = scorer.score(engine, goodCall(engine).build());

        assertThat(r.dimensions().keySet()).containsExactly("timing", "pressure", "autonomy", "listening", "outcome");
        assertThat(r.dimensions().values()).allSatisfy(d -> {
            assertThat(d.score()).isBetween(0, 100);
            assertThat(d.explanation()).isNotBlank().endsWith(".");
        });
    }

    @Test
    void should_weight_overall_by_the_scenario_rubric() {
        Engine timingOnly = Fixture.engine(Fixture.scenario().rubric(new Rubric(Map.of("timing", 1.0), 50)).build());
        Engine pressureOnly = Fixture.engine(Fixture.scenario().rubric(new Rubric(Map.of("pressure", 1.0), 50)).build());
        Report byTiming = scorer.score(timingOnly, badCall(timingOnly).build());
        Report byPressure = scorer.score(pressureOnly, badCall(pressureOnly).build());

        assertThat(byTiming.overall()).isEqualTo(byTiming.dimensions().get("timing").score());
        assertThat(byPressure.overall()).isEqualTo(byPressure.dimensions().get("pressure").score());
        assertThat(byTiming.pass()).isEqualTo(50);
        assertThat(byTiming.passed()).isEqualTo(byTiming.overall() >= 50);
    }

    @Test
    void should_report_each_dimension_weight_renormalised_to_sum_to_one() {
        Engine uneven = Fixture.engine(Fixture.scenario()
                .rubric(new Rubric(Map.of("timing", 2.0, "pressure", 1.0, "outcome", 1.0), 70)).build());
        Report r = scorer.score(uneven, goodCall(uneven).build());

        assertThat(r.dimensions().get("timing").weight()).isEqualTo(0.5);
        assertThat(r.dimensions().get("autonomy").weight()).isZero();
        assertThat(r.dimensions().values().stream().mapToDouble(Dimension::weight).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_report_the_facts_uncovered_with_their_text_and_turn() {
        Report r = scorer.score(engine, goodCall(engine).build());

        assertThat(r.outcome().revealed()).containsExactly(
                new OutcomeSummary.RevealedFact("budget_freeze", "The board froze new spend until Q3.", 2));
        assertThat(r.outcome().decisionProcessLearned()).isTrue();
        assertThat(r.delivery().summaries()).isEqualTo(1);
        assertThat(r.timing().firstAskTurn()).hasValue(4);
    }

    @Test
    void should_use_the_default_weights_when_the_rubric_has_none() {
        Engine noWeights = Fixture.engine(Fixture.scenario().rubric(new Rubric(Map.of(), 70)).build());
        Report r = scorer.score(noWeights, goodCall(noWeights).build());
        double expected = 0;
        for (Map.Entry<String, Double> w : Rubric.DEFAULT_WEIGHTS.entrySet()) {
            expected += w.getValue() * r.dimensions().get(w.getKey()).score();
        }

        assertThat(r.overall()).isEqualTo((int) Math.round(expected));
    }

    @Test
    void should_coach_an_ultimatum_with_permission_to_say_no_and_a_direct_ask() {
        Report r = scorer.score(engine, badCall(engine).build());
        Coaching pressure = r.coaching().stream().filter(c -> c.dimension().equals("pressure")).findFirst()
                .orElseThrow();

        assertThat(pressure.turn()).isEqualTo(2);
        assertThat(pressure.said()).isEqualTo("Sign by Friday or I'm closing your file.");
        assertThat(pressure.moves()).containsExactly("permission_no", "dtr_ask");
        assertThat(Phrasebook.builtIn().linesFor("permission_no")).anyMatch(pressure.tryInstead()::startsWith);
        assertThat(Phrasebook.builtIn().linesFor("dtr_ask")).anyMatch(pressure.tryInstead()::endsWith);
        assertThat(pressure.why()).isNotBlank();
    }

    @Test
    void should_not_suggest_the_permission_the_rep_already_gave_when_they_asked_too_soon() {
        Report r = scorer.score(engine, Talk.on(engine)
                .rep("It's fine if the answer is no. Where do we stand?", "permission_no", "dtr_ask").build());
        Coaching timing = r.coaching().stream().filter(c -> c.dimension().equals("timing")).findFirst()
                .orElseThrow();

        assertThat(timing.turn()).isEqualTo(1);
        assertThat(timing.moves()).containsExactly("open_question");
        assertThat(timing.why()).contains("not ready", "making no a safe answer was right", "lower the temperature");
        assertThat(Phrasebook.builtIn().linesFor("open_question")).contains(timing.tryInstead());
    }

    @Test
    void should_coach_calibrated_questions_not_permission_when_the_rep_gave_permission_already() {
        Report r = scorer.score(engine, Talk.on(engine)
                .rep("Whatever you decide, no is a fine answer.", "permission_no").reply("Okay.")
                .rep("Did the pilot go well?", "closed_question").reply("Fine.")
                .rep("Is this still going ahead?", "dtr_ask", "closed_question").build());
        Coaching autonomy = r.coaching().stream().filter(c -> c.dimension().equals("autonomy")).findFirst()
                .orElseThrow();

        assertThat(r.dimensions().get("autonomy").score()).isLessThan(Scorer.WEAK_BELOW);
        assertThat(autonomy.moves()).containsExactly("open_question");
        assertThat(autonomy.why()).contains("how or what");
        assertThat(r.coaching()).flatExtracting(Coaching::moves).doesNotContain("permission_no");
    }

    @Test
    void should_suggest_only_the_moves_the_rep_did_not_make_on_a_clean_line_but_rewrite_a_coercive_one_whole() {
        Engine e = engine;
        Transcript clean = Talk.on(e).rep("Is this still going ahead?", "dtr_ask", "closed_question").build();
        Transcript coercive = Talk.on(e).rep("Is this going ahead? Sign by Friday or we walk.", "dtr_ask",
                "pressure.ultimatum").build();
        List<String> focus = List.of("permission_no", "dtr_ask");

        assertThat(Coach.toSuggest(clean.turns().get(0), focus)).containsExactly("permission_no");
        assertThat(Coach.toSuggest(coercive.turns().get(0), focus)).containsExactly("permission_no", "dtr_ask");
        assertThat(Coach.toSuggest(clean.turns().get(0), List.of("dtr_ask"))).containsExactly("dtr_ask");
    }

    @Test
    void should_coach_a_closed_question_with_an_open_one() {
        Report r = scorer.score(engine, badCall(engine).build());
        Coaching listening = r.coaching().stream().filter(c -> c.dimension().equals("listening")).findFirst()
                .orElseThrow();

        assertThat(r.dimensions().get("listening").score()).isLessThan(Scorer.WEAK_BELOW);
        assertThat(listening.turn()).isEqualTo(1);
        assertThat(listening.moves()).containsExactly("open_question");
        assertThat(Phrasebook.builtIn().linesFor("open_question")).contains(listening.tryInstead());
    }

    @Test
    void should_coach_only_weak_dimensions_in_dimension_order() {
        Report bad = scorer.score(engine, badCall(engine).build());
        Report good = scorer.score(engine, goodCall(engine).build());

        List<String> weak = bad.dimensions().entrySet().stream().filter(e -> e.getValue().score() < Scorer.WEAK_BELOW)
                .map(Map.Entry::getKey).toList();
        assertThat(bad.coaching()).extracting(Coaching::dimension).containsExactlyElementsOf(weak);
        assertThat(good.coaching()).extracting(Coaching::dimension).allSatisfy(d ->
                assertThat(good.dimensions().get(d).score()).isLessThan(Scorer.WEAK_BELOW));
    }

    @Test
    void should_not_repeat_the_same_suggestion_for_two_dimensions() {
        Report r = scorer.score(engine, badCall(engine).build());

        assertThat(r.coaching()).extracting(Coaching::tryInstead).doesNotHaveDuplicates();
    }

    @Test
    void should_pick_the_phrasebook_line_most_similar_to_what_the_rep_said() {
        Phrasebook book = label -> label.equals("open_question")
                ? List.of("How is the team feeling about the rollout?", "What has changed with the budget since March?")
                : List.of();
        Scorer withBook = new Scorer(book, TextSimilarity.words());
        Report r = withBook.score(engine, Talk.on(engine)
                .rep("Did the budget change since March?", "closed_question")
                .rep("Is the budget still there?", "closed_question").build());

        Coaching c = r.coaching().stream().filter(x -> x.dimension().equals("listening")).findFirst().orElseThrow();
        assertThat(c.tryInstead()).isEqualTo("What has changed with the budget since March?");
        // labels the book lacks come from the built-in lines
        assertThat(r.coaching()).filteredOn(x -> x.dimension().equals("timing")).singleElement()
                .satisfies(x -> assertThat(x.tryInstead()).isNotBlank());
    }

    @Test
    void should_suggest_an_example_line_only_when_it_is_close_to_what_the_rep_said_else_a_generic_one() {
        TextEmbedder embedder = TextEmbedder.create();
        Scorer shipped = Scorer.create(ExampleSet.shipped(), embedder);
        Talk onBudget = Talk.on(engine).rep("Is the budget still there?", "closed_question").reply("Yes.")
                .rep("Has anything changed?", "closed_question");
        Talk offTopic = Talk.on(engine).rep("Did you get my emails?", "closed_question").reply("Yes.")
                .rep("Has anything changed?", "closed_question");

        Coaching close = listening(shipped.score(engine, onBudget.build()));
        Coaching far = listening(shipped.score(engine, offTopic.build()));

        assertThat(close.tryInstead()).isEqualTo("What else is competing for the budget this year?");
        // no example open question is near "Did you get my emails?" (the nearest is about test data, 0.29)
        assertThat(Phrasebook.builtIn().linesFor("open_question")).contains(far.tryInstead());
        for (Report r : List.of(shipped.score(engine, badCall(engine).build()), shipped.score(engine,
                goodCall(engine).build()))) {
            assertThat(r.coaching()).filteredOn(c -> c.moves().size() == 1).allSatisfy(c -> assertThat(
                    Phrasebook.builtIn().linesFor(c.moves().get(0)).contains(c.tryInstead())
                            || TextEmbedder.cosine(embedder.embed(c.said()), embedder.embed(c.tryInstead()))
                            >= Scorer.MIN_EXAMPLE_SIMILARITY).as(c.tryInstead()).isTrue());
        }
    }

    private static Coaching listening(Report r) {
        return r.coaching().stream().filter(c -> c.dimension().equals("listening")).findFirst().orElseThrow();
    }

    @Test
    void should_accept_an_example_set_style_method_reference_as_phrasebook() {
        class Examples {
            List<String> linesFor(String label) {
                return List.of("It's fine to say no; where are we really?");
            }
        }
        Phrasebook book = new Examples()::linesFor;

        assertThat(new Scorer(book, TextSimilarity.words()).score(engine, badCall(engine).build()).coaching())
                .anySatisfy(c -> assertThat(c.tryInstead()).contains("It's fine to say no; where are we really?"));
    }

    @Test
    void should_prefer_the_scenario_own_coaching_lines() {
        Engine withExamples = Fixture.engine(Fixture.scenario().coaching(Map.of(
                "open_question", List.of("Did the Q3 freeze change how you see the pilot, and what would?"))).build());
        Report r = Scorer.create().score(withExamples, Talk.on(withExamples)
                .rep("Did the Q3 freeze change things?", "closed_question").build());

        assertThat(r.coaching()).filteredOn(c -> c.dimension().equals("listening")).singleElement()
                .satisfies(c -> assertThat(c.tryInstead())
                        .isEqualTo("Did the Q3 freeze change how you see the pilot, and what would?"));
    }

    @Test
    void should_give_identical_reports_on_every_run() {
        Transcript t = badCall(engine).build();

        Report first = scorer.score(engine, t);
        for (int i = 0; i < 5; i++) {
            assertThat(scorer.score(engine, t)).isEqualTo(first);
            assertThat(Scorer.create().score(Fixture.engine(), t)).isEqualTo(first);
        }
    }

    @Test
    void should_refuse_a_transcript_of_another_scenario() {
        Transcript t = goodCall(engine).build();
        Transcript other = new Transcript("other", t.opening(), t.turns(), t.revealedFacts(), t.ending(), t.outcome());

        assertThatThrownBy(() -> scorer.score(engine, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    @Test
    void should_score_an_empty_conversation_without_failing() {
        Report r = scorer.score(engine, Talk.on(engine).build());

        assertThat(r.dimensions().get("timing").score()).isLessThanOrEqualTo(10);
        assertThat(r.turns()).isEmpty();
        assertThat(r.delivery().turns()).isZero();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void should_serialise_to_the_documented_json_shape() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module());
        JsonNode n = json.readTree(json.writeValueAsString(scorer.score(engine, badCall(engine).build())));

        assertThat(fields(n)).contains("overall", "passed", "pass", "dimensions", "delivery", "outcome", "turns",
                "coaching");
        assertThat(fields(n.get("dimensions"))).containsExactly("timing", "pressure", "autonomy", "listening",
                "outcome");
        JsonNode timing = n.get("dimensions").get("timing");
        assertThat(fields(timing)).containsExactly("score", "weight", "explanation", "evidence");
        assertThat(timing.get("weight").asDouble()).isEqualTo(0.30);
        assertThat(fields(timing.get("evidence").get(0))).containsExactly("turn", "rep", "state", "note");
        assertThat(timing.get("evidence").get(0).get("state").get("comfort").isInt()).isTrue();
        assertThat(fields(n.get("delivery"))).contains("questions", "openQuestions", "closedQuestions",
                "openClosedRatio", "repTalkSharePercent", "longestMonologueWords", "repWords", "prospectWords",
                "turns");
        assertThat(n.get("outcome").get("ending").asText()).isEqualTo("end_yes");
        assertThat(n.get("outcome").get("outcomeKind").asText()).isEqualTo("yes");
        assertThat(fields(n.get("outcome"))).contains("revealedFacts", "factsTotal", "decisionProcessLearned",
                "revealed", "success");
        assertThat(n.get("timing").get("window").get("from").asInt()).isEqualTo(2);
        assertThat(n.get("timing").get("firstAskTurn").asInt()).isEqualTo(7);
        assertThat(n.get("opening").asText()).isEqualTo("Hi, sorry, crazy quarter.");
        JsonNode turn = n.get("turns").get(1);
        assertThat(fields(turn)).containsExactly("number", "rep", "prospect", "moves", "stateBefore", "stateAfter",
                "revealed", "ending", "answered");
        assertThat(fields(turn.get("moves").get(0))).containsExactly("label", "confidence", "unsure");
        assertThat(turn.get("moves").get(0).get("label").asText()).isEqualTo("pressure.ultimatum");
        assertThat(fields(n.get("coaching").get(0))).contains("dimension", "turn", "said", "tryInstead", "why");
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
