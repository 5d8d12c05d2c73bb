package io.dtrcoach.scenarios;

import io.dtrcoach.core.classify.Corpus;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A probe of topic-intent precision, run by hand: how many of the move corpus's lines (thousands of rep lines by
 * twelve writers about their own invented products, none written for a shipped scenario) each shipped scenario
 * matches to one of its topic intents, per intent. Most such matches are false (a line about another product's
 * security review can fairly match {@code asks_about_security}), so the figure is read before and after a change of
 * examples or thresholds, as the counterweight to the paraphrase recall; it is not a gate.
 *
 * <pre>
 * ./mvnw -B -q -o -pl scenarios -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd scenarios && java -cp "target/test-classes:target/classes:../core/target/classes:$(cat target/test-classpath.txt)" \
 *     io.dtrcoach.scenarios.TopicIntentMatchRate ../core/corpus/moves
 * </pre>
 */
public final class TopicIntentMatchRate {
    private TopicIntentMatchRate() {
    }

    public static void main(String[] args) {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../core/corpus/moves");
        List<String> lines = Corpus.load(corpus).lines().stream().map(Corpus.Line::text).toList();
        ShippedLibrary library = ShippedLibrary.get();
        System.out.printf(Locale.ROOT, "%d corpus lines%n", lines.size());
        for (String id : library.engines.keySet()) {
            Scenario scenario = library.engine(id).scenario();
            Map<String, Integer> perIntent = new TreeMap<>();
            int any = 0;
            for (String line : lines) {
                List<MatchedIntent> got = library.matcher.match(scenario, line);
                if (!got.isEmpty()) {
                    any++;
                }
                got.forEach(m -> perIntent.merge(m.id(), 1, Integer::sum));
            }
            System.out.printf(Locale.ROOT, "%s: %d lines (%.1f%%) match a topic intent; %s%n", id, any,
                    100.0 * any / lines.size(), perIntent);
        }
    }
}
