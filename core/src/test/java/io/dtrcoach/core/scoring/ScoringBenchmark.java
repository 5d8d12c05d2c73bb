package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scoring.Fixture.Talk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints how long scoring a 40-turn conversation takes, after warm-up: p50 and p99 over repetitions, for three
 * coaching set-ups (the shipped scenarios stop at 12 turns, so the 40-turn call is hand-built on the test
 * fixture; scoring time does not depend on where the moves came from). A program, not a test:
 * {@code ./mvnw -B -q -pl core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dtrcoach.core.scoring.ScoringBenchmark}
 */
public final class ScoringBenchmark {
    private static final int WARM_UP = 300;
    private static final int RUNS = 3000;

    private ScoringBenchmark() {
    }

    public static void main(String[] args) {
        Engine engine = Fixture.engine();
        Transcript forty = fortyTurns(engine);
        System.out.printf(Locale.ROOT, "scoring a %d-turn conversation (%d rep words), %d runs after %d warm-up%n",
                forty.turns().size(), forty.turns().stream().mapToInt(t -> Words.count(t.rep())).sum(), RUNS, WARM_UP);
        TextEmbedder embedder = TextEmbedder.create();
        measure("built-in lines, word overlap", Scorer.create(), engine, forty);
        measure("built-in lines, MiniLM", new Scorer(Phrasebook.builtIn(), TextSimilarity.embeddings(embedder)),
                engine, forty);
        measure("shipped examples, MiniLM", Scorer.create(ExampleSet.shipped(), embedder), engine, forty);
    }

    private static void measure(String name, Scorer scorer, Engine engine, Transcript t) {
        int sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += scorer.score(engine, t).overall();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            sink += scorer.score(engine, t).overall();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-32s p50 %8.1f µs   p99 %8.1f µs   max %8.1f µs   (overall %d)%n", name,
                nanos[RUNS / 2] / 1e3, nanos[(int) (RUNS * 0.99)] / 1e3, nanos[RUNS - 1] / 1e3, sink / (RUNS + WARM_UP));
    }

    /** A mixed call: rapport, questions of both kinds, a summary, pressure, a late ask, a dated next step. */
    static Transcript fortyTurns(Engine engine) {
        List<String[]> lines = List.of(
                new String[]{"Thanks for making time, I know the quarter has been busy.", "rapport"},
                new String[]{"What's changed on your side since the pilot ended?", "open_question"},
                new String[]{"Did the team get to use the reporting module much?", "closed_question"},
                new String[]{"So the board is nervous about spend and the pilot went well. Did I get that right?",
                        "summary"},
                new String[]{"How does a decision like this usually get made at Brightline?", "decision_process",
                        "open_question"},
                new String[]{"This price disappears at quarter-end, so you need to decide soon.",
                        "pressure.false_urgency"},
                new String[]{"Let me walk you through the roadmap again, because there are a few new integrations "
                        + "that I think change the picture for your finance team, especially around close.", "other"},
                new String[]{"Is procurement involved yet?", "closed_question"});
        Talk talk = Talk.on(engine);
        for (int i = 1; i <= 39; i++) {
            String[] l = lines.get(i % lines.size());
            talk.rep(l[0], Arrays.copyOfRange(l, 1, l.length))
                    .reply("Honestly, it's complicated. The board wants to see Q3 numbers before anything new.")
                    .change("comfort", i % 3 == 0 ? 5 : -2).change("defensiveness", i % 4 == 0 ? 6 : -3);
            if (i == 30) {
                talk.rep("Would it be a bad idea to talk about where this is really heading?", "dtr_ask");
                i++;
            }
        }
        talk.rep("Shall we book 30 minutes with your CFO next Tuesday?", "next_step").ends(Ending.Outcome.next_step);
        return talk.build();
    }
}
