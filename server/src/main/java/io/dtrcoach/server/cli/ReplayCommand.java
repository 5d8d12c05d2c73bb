package io.dtrcoach.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code replay}: plays a file of rep lines against the scripted persona and prints the transcript and report. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Play the rep's lines (one per line; blank lines and lines starting with # are skipped) "
                + "against the scripted persona.")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--scenario", required = true, paramLabel = "ID_OR_FILE",
            description = "A scenario id from the library or a scenario file.")
    String scenario;

    @Option(names = "--rep-lines", required = true, paramLabel = "FILE", description = "The rep's lines.")
    Path repLines;

    @Option(names = "--json", description = "Print one JSON object (transcript and report).")
    boolean json;

    @Option(names = "--seed", defaultValue = "0", description = "The session seed (picks the opener).")
    long seed;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "A scenario folder to look ids up in "
            + "(default: $DTR_SCENARIOS, then the shipped library).")
    Path scenarios;

    private final CliContext context;

    public ReplayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        if (!Files.isRegularFile(repLines)) {
            context.err().println(repLines + ": no such file");
            return 2;
        }
        Optional<Scenario> found = ScenarioResolver.resolve(scenario, scenarios, context.err());
        if (found.isEmpty()) {
            return 1;
        }
        Scenario s = found.get();
        List<String> lines = Files.readAllLines(repLines, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Replay replay = play(context.engines().forScenario(s), lines, seed);
        if (json) {
            out.println(mapper().writeValueAsString(replay.toJson(context)));
        } else {
            printText(out, replay);
        }
        return 0;
    }

    /** The conversation a list of lines makes; the rep ends the call after the last line if it is still open. */
    static Replay play(Engine engine, List<String> lines, long seed) {
        return new Replay(engine, Transcript.replayAndEnd(engine, lines, seed));
    }

    record Replay(Engine engine, Transcript transcript) {
        Map<String, Object> toJson(CliContext context) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("scenario", transcript.scenarioId());
            root.put("opening", transcript.opening());
            root.put("turns", transcript.turns());
            root.put("revealedFacts", transcript.revealedFacts());
            root.put("ending", transcript.ending().orElse(null));
            root.put("outcome", transcript.outcome().map(Enum::name).orElse(null));
            root.put("report", context.services().scorer().score(engine, transcript));
            return root;
        }
    }

    private static void printText(PrintStream out, Replay replay) {
        Transcript t = replay.transcript();
        out.println("prospect: " + t.opening());
        for (Turn turn : t.turns()) {
            out.println();
            out.println("[" + turn.number() + "] rep:      " + turn.rep());
            out.println("    prospect: " + turn.prospect());
            out.println("    intents " + turn.intents().stream().map(i -> i.id()).toList()
                    + ", state " + turn.stateAfter() + (turn.revealed().isEmpty() ? "" : ", revealed " + turn.revealed()));
        }
        out.println();
        out.println("ending: " + t.ending().orElse("-") + " (" + t.outcome().map(Enum::name).orElse("-")
                + "), revealed facts: " + t.revealedFacts());
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new Jdk8Module()).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
