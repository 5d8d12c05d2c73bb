package io.dtrcoach.core.conversation;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intent matcher on two small scenarios with topic intents only (one with four topics, one with a single topic,
 * where "clearly the nearest intent" used to mean nothing), and lines of every shared move that must match no topic.
 */
class IntentMatcherTest {
    /**
     * What reps say that is no scenario topic: small talk, thanks, admin, pitches, asking where the deal stands,
     * making no safe, agendas, the decision process, dated steps, reflections, summaries, stepping back, repair and
     * every kind of pressure. Written for this test (none of them is in the matcher's own generic lines).
     */
    static final List<String> GENERIC = List.of(
            "What's been keeping you busy lately?",
            "How was your weekend?",
            "Good to see you again!",
            "Congrats on the new office, by the way.",
            "Did you get any time off over the summer?",
            "Thanks for making the time today.",
            "Got it, thanks.",
            "Can you hear me okay?",
            "I'll send the recording after the call.",
            "We've got about ten minutes left.",
            "Our new dashboard cuts reporting time in half.",
            "We just launched a mobile app for managers.",
            "Would it help to speak to another customer who uses us?",
            "Where do things actually stand on your side?",
            "Is this still a priority for you, honestly?",
            "What's really holding this up?",
            "Are you ready to go ahead with us?",
            "So is this a yes or a no?",
            "It's completely fine if the answer is no.",
            "You won't hurt my feelings if it's a no.",
            "Can we agree that by the end of the call we'll know if it's a yes, a no or a next step?",
            "Who else needs to sign off on this?",
            "How does a decision like this get made at your company?",
            "Shall we book thirty minutes next Tuesday to go through it?",
            "So the timing is the real problem, not the product.",
            "Sounds like it's been a rough few weeks.",
            "Then the honest thing is for us to step back for now.",
            "Sorry, that came out pushier than I meant.",
            "If I don't have a signed order by Friday, I'm closing your file.",
            "The price goes up next month, so I'd sign now.",
            "Everyone in your industry has already switched to us.",
            "We've put a lot of work into this; I think we've earned an answer.",
            "You can see the value, surely?",
            "You need to get this in front of your boss this week.",
            "Sam, what do you think?",
            "Thanks, Sam.");

    private static Scenario four;
    private static Scenario one;
    private static TextEmbedder embedder;
    private static IntentMatcher matcher;

    @BeforeAll
    static void load() throws IOException {
        four = scenario("intent-matcher-fixture.yaml");
        one = scenario("intent-matcher-one-topic.yaml");
        embedder = TextEmbedder.create();
        matcher = new IntentMatcher(embedder);
    }

    @Test
    void aLineOfSeveralSentencesHasItsPassesRunSideBySide() {
        String line = "Thanks for the update. What does the audit need from us?";
        java.util.Map<String, String> threadOf = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch twoAtOnce = new java.util.concurrent.CountDownLatch(2);
        dev.langchain4j.model.embedding.EmbeddingModel recording = segments -> {
            segments.forEach(t -> threadOf.put(t.text(), Thread.currentThread().getName()));
            if (segments.get(0).text().contains("audit")) { // the line's passes wait (2 s at most) for each other
                twoAtOnce.countDown();
                try {
                    twoAtOnce.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return dev.langchain4j.model.output.Response.from(segments.stream()
                    .map(t -> dev.langchain4j.data.embedding.Embedding.from(new float[] {1, 0, 0})).toList());
        };
        IntentMatcher sideBySide = new IntentMatcher(TextEmbedder.create(recording), List.of("Hello there."));
        sideBySide.match(one, line);

        List<String> passes = List.of(line.toLowerCase(), "thanks for the update.", "what does the audit need from us?");
        assertThat(threadOf).containsKeys(passes.toArray(String[]::new));
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(passes.stream().map(threadOf::get)).anyMatch(t -> t.startsWith("dtr-embed-"));
        }
    }

    private static Scenario scenario(String file) throws IOException {
        try (InputStream in = IntentMatcherTest.class.getResourceAsStream(file)) {
            LoadResult result = new ScenarioLoader().parse(file, in);
            assertThat(result.problems()).filteredOn(p -> p.isError()).isEmpty();
            return result.scenario().orElseThrow();
        }
    }

    @Test
    void should_match_every_intent_on_its_own_examples() {
        for (Intent intent : four.intents().values()) {
            for (String example : intent.examples()) {
                assertThat(matcher.match(four, example)).as(example).first()
                        .satisfies(m -> assertThat(m.id()).isEqualTo(intent.id()));
            }
        }
    }

    @Test
    void should_match_no_topic_intent_on_generic_lines() {
        for (Scenario s : List.of(four, one)) {
            for (String line : GENERIC) {
                assertThat(matcher.match(s, line)).as("%s: \"%s\"", s.id(), line).isEmpty();
            }
        }
    }

    @Test
    void should_match_a_topic_paraphrase_a_little_under_the_threshold_as_the_nearest_intent() {
        String line = "Has anything happened on the finance side that affects us?";
        double similarity = matcher.similarity(one, "asks_about_budget", line);
        assertThat(similarity).isBetween(0.6 - Intent.CLOSEST_SLACK, 0.6);
        assertThat(matcher.match(one, line)).extracting(MatchedIntent::id, MatchedIntent::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("asks_about_budget", "closest"));
    }

    @Test
    void should_not_let_the_nearest_intent_rule_take_a_line_that_is_nearer_to_generic_talk() {
        // Near enough to the only topic for the old rule (within the slack, nothing else to compare with), but
        // it is a question about the decision process, and the generic lines are nearer.
        String line = "Who else needs to sign off on this?";
        double similarity = matcher.similarity(one, "asks_about_budget", line);
        assertThat(similarity).isBetween(0.6 - Intent.CLOSEST_SLACK, 0.6);
        assertThat(new IntentMatcher(embedder, List.of()).match(one, line)).extracting(MatchedIntent::via)
                .containsExactly("closest");
        assertThat(matcher.genericSimilarity(line)).isGreaterThan(similarity - Intent.GENERIC_MARGIN);
        assertThat(matcher.match(one, line)).isEmpty();
    }

    @Test
    void should_match_strict_intents_only_at_their_threshold() {
        Intent strict = four.intents().get("quotes_her_controller");
        assertThat(strict.threshold()).isGreaterThanOrEqualTo(Intent.CLOSEST_MAX_THRESHOLD);
        String line = "Sam, what do you think?";
        assertThat(matcher.similarity(four, strict.id(), line)).isLessThan(strict.threshold());
        assertThat(new IntentMatcher(embedder, List.of()).match(four, line)).isEmpty();
        assertThat(matcher.match(four, "Sam told me last week he's ready to sign.")).extracting(MatchedIntent::id)
                .containsExactly(strict.id());
    }

    @Test
    void should_compare_each_sentence_on_its_own() {
        assertThat(matcher.match(four, "Thanks for your time today. Is the money there for this?"))
                .extracting(MatchedIntent::id).containsExactly("asks_about_budget");
        assertThat(matcher.match(four, "Good to see you. How did the analysts find the pilot?"))
                .extracting(MatchedIntent::id).containsExactly("asks_about_pilot_team");
    }

    @Test
    void should_load_the_shipped_generic_lines_without_comments() {
        List<String> lines = IntentMatcher.shippedGenericLines();
        assertThat(lines).hasSizeGreaterThan(100).noneMatch(l -> l.startsWith("#") || l.isBlank());
        assertThat(lines).doesNotContainAnyElementsOf(GENERIC);
    }
}
