package io.dtrcoach.server.cli;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Step;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scoring.Coaching;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.state.ProspectState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code play SCENARIO}: an interactive terminal conversation for trainers. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Talk to a scenario's scripted persona in the terminal. Type /end to end the call.")
public final class PlayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "A scenario id from the library or a scenario file.")
    String scenario;

    @Option(names = "--debug", description = "Show matched intents, moves and the state after each turn.")
    boolean debug;

    @Option(names = "--seed", defaultValue = "0", description = "The session seed (picks the opener).")
    long seed;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "A scenario folder to look ids up in.")
    Path scenarios;

    private final CliContext context;

    public PlayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        Optional<Scenario> found = ScenarioResolver.resolve(scenario, scenarios, context.err());
        if (found.isEmpty()) {
            return 1;
        }
        Scenario s = found.get();
        Engine engine = context.engines().forScenario(s);
        printBrief(out, s);
        ProspectState state = engine.start(seed);
        String opening = engine.opening(state);
        String name = s.persona().name();
        out.println(name + ": " + opening);
        List<Turn> turns = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        while (!state.ended()) {
            out.print("you> ");
            out.flush();
            String line = reader.readLine();
            if (line == null || line.strip().equals("/end")) {
                state = engine.endByRep(state);
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            Step step = engine.step(state, line.strip());
            turns.add(step.turn());
            state = step.after();
            out.println(name + ": " + step.turn().prospect());
            if (debug) {
                Turn t = step.turn();
                out.println("  · intents: " + t.intents().stream()
                        .map(i -> i.id() + " " + i.via() + " " + i.similarity()).toList());
                out.println("  · moves:   " + t.moves().stream()
                        .map(m -> m.label() + " " + m.confidence() + (m.unsure() ? " (unsure)" : "")).toList());
                out.println("  · answered: " + t.answered());
                out.println("  · state:   " + t.stateAfter() + "  node: " + t.nodeAfter()
                        + t.trigger().map(k -> "  trigger: " + k).orElse(""));
                if (!t.revealed().isEmpty()) {
                    out.println("  · revealed: " + t.revealed());
                }
            }
        }
        Transcript transcript = Transcript.of(engine, opening, turns, state);
        out.println();
        out.println("The call ended: " + transcript.ending().orElseThrow() + " ("
                + transcript.outcome().map(Enum::name).orElse("-") + ")");
        printReport(out, context.services().scorer().score(engine, transcript));
        return 0;
    }

    private static void printReport(PrintStream out, Report report) {
        out.printf("Overall %d/100 (%s, pass mark %d)%n", report.overall(), report.passed() ? "passed" : "not passed",
                report.pass());
        report.dimensions().forEach((name, d) -> out.printf("  %-10s %3d  %s%n", name, d.score(), d.explanation()));
        for (Coaching c : report.coaching()) {
            out.printf("Coaching (%s), turn %d: you said \"%s\"; try: \"%s\"%n", c.dimension(), c.turn(), c.said(),
                    c.tryInstead());
        }
    }

    private static void printBrief(PrintStream out, Scenario s) {
        Brief b = s.brief();
        Brief.History h = b.history();
        out.println("== " + s.title() + " (" + s.difficulty() + ")");
        out.println("Prospect:  " + b.prospect());
        out.println("Situation: " + b.situation());
        out.printf("History:   %d weeks in, %d demos, %s, %s, %d references called%n", h.weeksInCycle(), h.demos(),
                h.scoped() ? "scoped" : "not scoped", h.pricingSent() ? "pricing sent" : "no pricing yet",
                h.referencesCalled());
        out.println("Objective: " + b.objective());
        out.println("You have " + b.maxTurns() + " turns. Type /end to end the call.");
        out.println();
    }
}
