package io.dtrcoach.core.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingMoveClassifierTest {
    private final EmbeddingMoveClassifier classifier = SharedClassifier.classifier();

    private List<String> labels(String text) {
        return classifier.classify(text).stream().map(Move::label).toList();
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            If I don't have a signed order by Friday, I'm closing your file.                                  | pressure.ultimatum
            This price disappears at quarter-end, so realistically you need to decide today.                  | pressure.false_urgency
            Your CFO told me he's ready, so you're the one holding this up, right?                            | pressure.peer
            We've put three demos and two months into you; I think we've earned a yes.                        | pressure.guilt
            So there's really no reason not to move forward, is there?                                        | pressure.leading
            Would you rather start on the first or the fifteenth?                                             | pressure.leading
            You need to get this in front of procurement now.                                                 | pressure.controlling
            It's completely fine if the answer is no. A clear no helps me more than a maybe.                  | permission_no
            Would it be a bad idea to talk about where this is heading?                                       | dtr_ask
            What's changed since we last spoke?                                                               | open_question
            So: references checked out, price is in range, and the open question is Q3 budget. Did I get that right? | summary
            Shall we book 30 minutes with your CFO next Tuesday, and I'll send the security pack by Thursday?  | next_step
            Who else needs to sign off, and what does legal usually need from us?                             | decision_process
            """)
    void should_label_the_research_example_lines_as_the_field_notes_do(String text, String label) {
        assertThat(labels(text)).contains(label);
    }

    @Test
    void should_also_see_the_second_kind_of_pressure_in_the_research_lines() {
        assertThat(labels("Your CFO told me he's ready, so you're the one holding this up, right?"))
                .contains("pressure.peer", "pressure.leading");
        assertThat(labels("This price disappears at quarter-end, so realistically you need to decide today."))
                .contains("pressure.false_urgency", "pressure.controlling");
    }

    @Test
    void should_not_read_a_date_agreed_for_a_review_as_an_ultimatum() {
        assertThat(labels("Friday works for the security review")).noneMatch(l -> l.startsWith("pressure."));
        assertThat(labels("Friday works for the security review.")).contains("next_step");
    }

    @Test
    void should_label_a_plain_scheduling_question_closed_and_not_leading() {
        assertThat(labels("Does Tuesday work?")).contains("closed_question").doesNotContain("pressure.leading");
    }

    @Test
    void should_treat_a_clear_direct_ask_as_a_dtr_ask_and_not_pressure() {
        assertThat(labels("Where do you see this going?")).contains("dtr_ask", "open_question")
                .noneMatch(l -> l.startsWith("pressure."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            You don't have to give me a yes today.                                  | pressure.controlling
            Do you need anything else from me before Thursday?                     | pressure.controlling
            Everyone else on your team was great to work with during the trial.     | pressure.peer
            We've invested a lot in the new reporting engine this year.             | pressure.guilt
            Please don't feel you owe us anything because of the pilot.             | pressure.guilt
            Is the end of the quarter when your budget resets?                      | pressure.false_urgency
            It's fine to walk away if we're not the right fit.                      | pressure.ultimatum
            It sounds like the team is sold but finance isn't, is that right?       | pressure.leading
            """)
    void should_not_fire_a_pressure_rule_on_its_hard_negative(String text, String notLabel) {
        assertThat(labels(text)).doesNotContain(notLabel);
    }

    /** Lines from the shipped scenarios' good paths (and paraphrases) that once drew a pressure label. */
    private static final String GOOD_PATH_LINES = """
            Can I ask what's holding things up?
            What's holding things up on your side?
            Is anything holding this up internally?
            Could I ask what's been holding everything up?
            Nobody needs to commit to anything today.
            Thanks, Sara, for getting everyone together. Nobody needs to commit to anything today.
            No one has to decide anything on this call.
            Nobody needs to sign anything this week.
            Understood. Rather than be a price check, we'll bow out for now. Thanks for being straight with me.
            We'll step back for now. Thanks for being honest with me.
            That's fair, so we'll bow out. I appreciate the honesty.
            That sounds like a really tough few weeks, and none of this is on you.
            It sounds like a rough few weeks, and none of that is on you.
            That sounds really stressful. It's not your fault the project stalled.
            Would your team leads like a session with our product team?
            Would your engineers like a call with our product team?
            Would it help if your team leads met our product people?
            Sorry, that came out pushier than I meant. There's no rush from my side.
            Sorry, that sounded pushy. There's no pressure from us.
            I didn't mean to push. Take your time.
            """;

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("goodPathLines")
    void should_not_read_pressure_into_a_good_path_line(String line) {
        assertThat(labels(line)).as(classifier.explain(line)).noneMatch(l -> l.startsWith("pressure."));
        // The scenario that replayed these adds its own pressure examples; they must not tip the lines either.
        assertThat(scenario().classify(line)).extracting(Move::label).as(scenario().explain(line))
                .noneMatch(l -> l.startsWith("pressure."));
    }

    static java.util.stream.Stream<String> goodPathLines() {
        return GOOD_PATH_LINES.lines().map(String::strip).filter(l -> !l.isEmpty());
    }

    private static EmbeddingMoveClassifier scenarioClassifier;

    private static synchronized EmbeddingMoveClassifier scenario() {
        if (scenarioClassifier == null) {
            // classifier_examples of the stalled-after-demos scenario
            scenarioClassifier = SharedClassifier.classifier().withExtraExamples(Map.of(
                    "pressure.guilt", List.of("We did three demos for your team, the least you can do is give me an answer."),
                    "pressure.false_urgency", List.of(
                            "Our implementation slots are almost gone for the year, so we should lock this in now.")));
        }
        return scenarioClassifier;
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            You're the one holding this up, aren't you?                         | pressure.peer
            Your team is holding things up, and everyone else has signed.       | pressure.peer
            If you don't sign by Friday, we'll bow out.                         | pressure.ultimatum
            We've spent weeks on you and now you're backing out.                | pressure.guilt
            No rush, but this price disappears at quarter-end.                  | pressure.false_urgency
            Sorry to push, but you need to sign today.                          | pressure.controlling
            """)
    void should_still_see_the_pressure_next_to_the_good_path_wording(String text, String label) {
        assertThat(labels(text)).as(classifier.explain(text)).contains(label);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Friday works for the security review.
            Friday works for the security review
            Legal review is booked for Thursday.
            Procurement already has the contract template.
            I'll send the security questionnaire back by Monday.
            """)
    void should_not_read_a_mention_of_the_process_as_learning_it(String text) {
        assertThat(labels(text)).as(classifier.explain(text)).doesNotContain("decision_process");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            What does the security review involve?
            Walk me through the legal review.
            Who is the budget owner for this?
            Tell me about your procurement process.
            """)
    void should_read_a_question_about_the_process_as_decision_process(String text) {
        assertThat(labels(text)).as(classifier.explain(text)).contains("decision_process");
    }

    @Test
    void should_give_a_line_with_an_ask_and_a_permission_both_labels() {
        assertThat(labels("Can we talk about where this is going? It's fine if the answer is no."))
                .contains("dtr_ask", "permission_no", "closed_question")
                .noneMatch(l -> l.startsWith("pressure."));
    }

    @Test
    void should_give_a_threat_wrapped_in_guilt_both_labels() {
        assertThat(labels("After all the hours my team spent on this, if you don't sign by Monday I'm walking away."))
                .contains("pressure.guilt", "pressure.ultimatum");
    }

    @Test
    void should_drop_the_closed_label_when_the_question_is_leading() {
        assertThat(labels("This is clearly the right choice, isn't it?"))
                .contains("pressure.leading").doesNotContain("closed_question");
    }

    @Test
    void should_say_other_alone_for_a_line_with_no_move() {
        assertThat(classifier.classify("Sorry, my camera just froze.")).extracting(Move::label)
                .containsExactly("other");
        assertThat(classifier.classify("   ")).extracting(Move::label).containsExactly("other");
    }

    @Test
    void should_keep_confidences_in_range_and_order_moves_most_confident_first() {
        for (LabelledLine line : ExampleSet.shipped().lines().subList(0, 60)) {
            List<Move> moves = classifier.classify(line.text());
            assertThat(moves).isNotEmpty().allSatisfy(m -> assertThat(m.confidence()).isBetween(0.0, 1.0));
            double[] c = moves.stream().mapToDouble(Move::confidence).toArray();
            double[] sorted = c.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < c.length; i++) {
                assertThat(c[i]).isEqualTo(sorted[c.length - 1 - i]);
            }
        }
    }

    @Test
    void should_give_the_same_answer_every_time_and_from_a_fresh_instance() {
        List<String> lines = List.of("Where do things stand with the rollout?",
                "If you don't sign by Friday the discount is gone and so am I.",
                "Thanks for the time today. I'll send the recap tomorrow.");
        EmbeddingMoveClassifier fresh = EmbeddingMoveClassifier.create(SharedClassifier.embedder());
        for (String line : lines) {
            List<Move> first = classifier.classify(line);
            assertThat(classifier.classify(line)).isEqualTo(first);
            assertThat(fresh.classify(line)).isEqualTo(first);
        }
    }

    @Test
    void should_give_the_same_answers_from_many_threads_as_from_one() throws Exception {
        List<String> lines = ExampleSet.shipped().lines().stream().map(LabelledLine::text).limit(80).toList();
        List<List<Move>> sequential = lines.stream().map(classifier::classify).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Move>>> futures = new ArrayList<>();
            for (String line : lines) {
                futures.add(pool.submit(() -> classifier.classify(line)));
            }
            for (int i = 0; i < lines.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_learn_a_scenario_phrase_from_its_extra_examples() {
        // A hospital scenario: the value analysis committee (VAC) approves purchases, which no shipped example knows.
        String line = "Is it on the agenda for the VAC?";
        assertThat(labels(line)).doesNotContain("decision_process");

        EmbeddingMoveClassifier scenario = classifier.withExtraExamples(Map.of("decision_process", List.of(
                "When does the VAC meet next?",
                "Does this have to go through the VAC?",
                "Who sits on the VAC?",
                "Has the VAC reviewed the product yet?")));

        assertThat(scenario.classify(line)).extracting(Move::label).contains("decision_process");
        assertThat(scenario.examples().linesFor("decision_process")).contains("Who sits on the VAC?");
        assertThat(labels(line)).as("the original classifier is unchanged").doesNotContain("decision_process");
    }

    @Test
    void should_reject_extra_examples_under_an_unknown_label() {
        assertThatThrownBy(() -> classifier.withExtraExamples(Map.of("dtr-ask", List.of("Where are we?"))))
                .isInstanceOf(ExampleSetInvalid.class).hasMessageContaining("dtr-ask");
    }
}
