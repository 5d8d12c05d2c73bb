package io.dtrcoach.scenarios;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark, run by hand: how long the engine takes over a turn of new words, on one thread of an otherwise idle
 * machine. It plays the development rep scripts (72 calls, about 450 turns, a third of them several sentences) against
 * the shipped personas, with a take number put into every sentence so that each round's lines are new to the
 * embedding cache, as typed lines are; and prints the engine's and the scorer's time per turn for each round (the
 * first also embeds every scenario's examples, so read the later ones).
 *
 * <pre>
 * ./mvnw -B -q -o -pl scenarios -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd scenarios && java -cp "target/test-classes:target/classes:../core/target/classes:$(cat target/test-classpath.txt)" \
 *     io.dtrcoach.scenarios.TurnLatencyBenchmark
 * </pre>
 */
public final class TurnLatencyBenchmark {
    private TurnLatencyBenchmark() {
    }

    /** The line with the take number before every sentence's end (and at its end when it has no closing mark). */
    static String marked(String line, String take) {
        String out = line.strip().replaceAll("([.?!]+)(\\s|$)", take + "$1$2");
        return out.matches("(?s).*[.?!]$") ? out : out + take;
    }

    public static void main(String[] args) {
        List<RepScript> scripts = RepScript.all(Path.of("src/test/resources/rep-scripts"));
        ShippedLibrary library = ShippedLibrary.get();
        System.out.printf(Locale.ROOT, "%d rep scripts; load average %.2f%n", scripts.size(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int round = 0; round < 4; round++) {
            String take = " (take " + round + ")";
            long turns = 0;
            long engineNanos = 0;
            long scorerNanos = 0;
            for (RepScript s : scripts) {
                Engine engine = library.engine(s.scenario());
                List<String> lines = s.lines().stream().map(l -> marked(l, take)).toList();
                long start = System.nanoTime();
                Transcript t = Transcript.replayAndEnd(engine, lines, 1);
                long played = System.nanoTime();
                library.scorer.score(engine, t);
                scorerNanos += System.nanoTime() - played;
                engineNanos += played - start;
                turns += t.turns().size();
            }
            System.out.printf(Locale.ROOT, "round %d%s: %d turns; engine %.2f ms per turn, scorer %.2f ms per turn%n",
                    round, round == 0 ? " (examples embedded too)" : "", turns, engineNanos / 1e6 / turns,
                    scorerNanos / 1e6 / turns);
        }
    }
}
