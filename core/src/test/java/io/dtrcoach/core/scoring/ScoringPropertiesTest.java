package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.TrainedMoveClassifier;
import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Properties of the scores over replays of scripted conversations on every shipped scenario, with the real
 * engine, intent matcher and move classifier. The same rep lines are used on every scenario; only where they
 * fall (the scenario's timing window) changes.
 */
class ScoringPropertiesTest {
    /** The shipped library; {@code -Ddtr.scenarios.dir=…} points elsewhere. */
    static final Path LIBRARY = Path.of(System.getProperty("dtr.scenarios.dir",
            "../scenarios/src/main/resources/scenarios"));

    static final List<String> SMALL_TALK = List.of(
            "How have you been?",
            "Thanks for making the time today.",
            "How was the conference last week?");
    static final String ASK = "Would it be a bad idea to talk about where this is really heading?";
    static final String ASK_WITH_PERMISSION =
            "It's completely fine if the answer is no. Honestly, where do things stand with this on your side?";
    static final String PUSH = "This pricing ends on Friday, so I need a decision this week.";
    /** Pushes tried in order; scenarios react to different wordings (their pressure intents differ). */
    static final List<String> PUSHES = List.of(
            PUSH,
            "This pricing expires at the end of the month, so I'll need a decision soon.",
            "If I don't have a signed order by Friday, I'm closing your file.");
    /** Lines that lower the temperature: acknowledge, take the blame off them, make no safe. */
    static final List<String> COOL_DOWN = List.of(
            "Sorry, I didn't mean to put you on the spot. A no is a perfectly good answer.",
            "That sounds like a hard few weeks. I'm sorry it landed on you.",
            "It sounds like you've been under a lot of pressure lately.");
    static final Map<String, String> COERCIVE = Map.of(
            "pressure.ultimatum", "If I don't have a signed order by Friday, I'm closing your file.",
            "pressure.false_urgency", "This price disappears at quarter-end, so realistically you need to decide today.",
            "pressure.peer", "Everyone else on your team is already on board, so you're the one holding this up.",
            "pressure.guilt", "We've put three demos and two months into you; I think we've earned a yes.",
            "pressure.leading", "So there's really no reason not to move forward, is there?",
            "pressure.controlling", "You need to get this in front of procurement now.");
    static final List<String> GOOD_CALL = List.of(
            "How have you been?",
            "It's completely fine if the answer is no.",
            "What's changed since we last spoke?",
            ASK,
            "How does a decision like this get made on your side?",
            "Shall we put thirty minutes in the diary for next Tuesday?");

    private static TextEmbedder embedder;
    private static IntentMatcher matcher;
    private static TrainedMoveClassifier classifier;
    private static Scorer scorer;
    private static final Map<String, Engine> ENGINES = new LinkedHashMap<>();

    @BeforeAll
    static void loadLibrary() throws IOException {
        assumeTrue(Files.isDirectory(LIBRARY), "no scenario library at " + LIBRARY.toAbsolutePath());
        embedder = TextEmbedder.create();
        matcher = new IntentMatcher(embedder);
        classifier = TrainedMoveClassifier.create(embedder);
        scorer = Scorer.create(ExampleSet.shipped(), embedder);
        ScenarioLoader loader = new ScenarioLoader();
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Scenario s = loader.load(f).orThrow();
                ENGINES.put(s.id(), new Engine(s, matcher, classifier));
            }
        }
        assertThat(ENGINES).isNotEmpty();
    }

    static Stream<Named<String>> scenarios() throws IOException {
        if (!Files.isDirectory(LIBRARY)) {
            return Stream.of(Named.of("no scenario library", "none"));
        }
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(p -> p.getFileName().toString().replace(".yaml", ""))
                    .map(id -> Named.of(id, id)).toList().stream();
        }
    }

    /** Plays the rep's lines until they run out or the call ends. */
    static Transcript replay(Engine engine, List<String> lines) {
        return Transcript.replay(engine, lines, 0);
    }

    /** {@code count} small-talk lines, then the given lines. */
    static List<String> after(int count, String... lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SMALL_TALK.get(i % SMALL_TALK.size()));
        }
        Collections.addAll(out, lines);
        return out;
    }

    private static Engine engine(String id) {
        return ENGINES.get(id);
    }

    private static int score(Engine e, Transcript t, String dimension) {
        return scorer.score(e, t).dimensions().get(dimension).score();
    }

    /** The turn with this number, which must exist and carry the label (so no property passes vacuously). */
    private static Turn carrying(Transcript t, int number, String label) {
        assertThat(t.turns()).as("turn %d reached", number).hasSizeGreaterThanOrEqualTo(number);
        Turn turn = t.turns().get(number - 1);
        assertThat(turn.moves()).as("moves of turn %d: %s", number, turn.rep())
                .anySatisfy(m -> assertThat(m.label()).isEqualTo(label));
        return turn;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void asking_early_with_permission_to_say_no_beats_asking_the_same_thing_late(String id) {
        Engine e = engine(id);
        int from = e.scenario().timing().fromTurn();
        int to = e.scenario().timing().toTurn();
        Transcript early = replay(e, after(from - 1, ASK_WITH_PERMISSION));
        Transcript late = replay(e, after(to + 2, ASK_WITH_PERMISSION));

        carrying(early, from, "dtr_ask");
        carrying(early, from, "permission_no");
        assertThat(score(e, early, "timing")).isGreaterThan(score(e, late, "timing"));
    }

    /**
     * Makes the prospect defensive with a push unless they start that way, then asks at once, against the same
     * opening followed by cooling lines and then the ask (kept inside the window).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void asking_while_defensive_scores_lower_on_timing_than_asking_after_lowering_the_temperature(String id) {
        Engine e = engine(id);
        int from = e.scenario().timing().fromTurn();
        int to = e.scenario().timing().toTurn();
        ProspectState start = e.start(0);
        boolean startsReady = e.ready(start.vars(), 1, List.of(), start.node());
        List<String> opening = startsReady
                ? after(Math.max(0, from - 2), pushThatLands(e, Math.max(0, from - 2)))
                : after(Math.max(0, from - 1));
        int askAt = opening.size() + 1;
        int cooling = Math.min(COOL_DOWN.size(), to - askAt);
        List<String> defensiveLines = new ArrayList<>(opening);
        defensiveLines.add(ASK);
        List<String> cooledLines = new ArrayList<>(opening);
        cooledLines.addAll(COOL_DOWN.subList(0, cooling));
        cooledLines.add(ASK);

        Transcript defensive = replay(e, defensiveLines);
        Transcript cooled = replay(e, cooledLines);

        assertThat(cooling).as("room in the window to cool down").isPositive();
        Turn ask = carrying(defensive, askAt, "dtr_ask");
        boolean notReady = !e.ready(ask.stateBefore(), askAt, List.of(), ask.nodeBefore());
        boolean moreGuarded = ask.stateBefore().getOrDefault("defensiveness", 0)
                > start.vars().getOrDefault("defensiveness", 0);
        assertThat(notReady || moreGuarded).as("defensive at the ask: %s", ask.stateBefore()).isTrue();
        carrying(cooled, askAt + cooling, "dtr_ask");
        assertThat(cooled.turns().subList(askAt - 1, askAt - 1 + cooling))
                .allSatisfy(t -> assertThat(t.hasPressure()).as("cooling line: %s", t.rep()).isFalse());
        assertThat(score(e, cooled, "timing")).isGreaterThan(score(e, defensive, "timing"));
    }

    /** The first push that raises the prospect's defensiveness in this scenario without ending the call. */
    private static String pushThatLands(Engine e, int smallTalk) {
        for (String push : PUSHES) {
            Transcript t = replay(e, after(smallTalk, push));
            Turn last = t.turns().get(t.turns().size() - 1);
            if (t.ending().isEmpty() && last.stateAfter().get("defensiveness") > last.stateBefore().get("defensiveness")) {
                return push;
            }
        }
        throw new AssertionError(e.scenario().id() + " reacts to none of " + PUSHES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void never_asking_scores_lowest_on_timing(String id) {
        Engine e = engine(id);
        int from = e.scenario().timing().fromTurn();
        int to = e.scenario().timing().toTurn();
        Transcript never = replay(e, after(to + 2));
        List<Transcript> asking = List.of(
                replay(e, after(from - 1, ASK_WITH_PERMISSION)),
                replay(e, after(from - 1, ASK)),
                replay(e, after(to + 1, ASK)),
                replay(e, after(Math.max(0, from - 2), PUSHES.get(1), ASK)),
                replay(e, List.of(COERCIVE.get("pressure.ultimatum"), ASK)));

        assertThat(never.turns()).noneMatch(t -> t.hasMove("dtr_ask"));
        int neverScore = score(e, never, "timing");
        assertThat(neverScore).isLessThanOrEqualTo(10);
        for (Transcript t : asking) {
            if (t.turns().stream().anyMatch(x -> x.hasMove("dtr_ask"))) {
                assertThat(score(e, t, "timing")).as("asking: %s", t.turns().stream().map(Turn::rep).toList())
                        .isGreaterThan(neverScore);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void any_coercive_line_lowers_pressure_against_the_same_call_without_it(String id) {
        Engine e = engine(id);
        int base = score(e, replay(e, GOOD_CALL), "pressure");
        for (Map.Entry<String, String> coercive : COERCIVE.entrySet()) {
            for (int at = 1; at <= 3; at++) {
                List<String> lines = new ArrayList<>(GOOD_CALL);
                lines.add(at, coercive.getValue());
                Transcript t = replay(e, lines);

                carrying(t, at + 1, coercive.getKey());
                assertThat(score(e, t, "pressure")).as("%s at turn %d", coercive.getKey(), at + 1)
                        .isLessThan(base);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_same_conversation_always_gets_the_same_report(String id) {
        Engine e = engine(id);
        List<String> lines = new ArrayList<>(GOOD_CALL);
        lines.add(2, COERCIVE.get("pressure.leading"));
        Transcript first = replay(e, lines);
        Report report = scorer.score(e, first);
        Scorer another = Scorer.create(ExampleSet.shipped(), embedder);

        for (int i = 0; i < 3; i++) {
            Transcript again = replay(e, lines);
            assertThat(again).isEqualTo(first);
            assertThat(scorer.score(e, again)).isEqualTo(report);
            assertThat(another.score(e, again)).isEqualTo(report);
        }
    }
}
