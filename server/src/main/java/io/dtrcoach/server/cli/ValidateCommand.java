package io.dtrcoach.server.cli;

import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.conversation.SharedMoveCheck;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.core.scenario.ScenarioValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code validate PATH...}: lints scenario files (and with {@code --run-tests} runs their tests). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files or folders; prints file:line:col: error|warning: message lines and a "
                + "summary. Exit 0 when there are no errors, 1 otherwise.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Scenario files or folders (*.yaml, *.yml).")
    List<Path> paths;

    @Option(names = "--run-tests", description = "Also run each scenario's tests: section, and warn about intents "
            + "that the shared move classifier reads as one shared move (they should match {move: ...} instead).")
    boolean runTests;

    private final CliContext context;

    public ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintStream out = context.out();
        ScenarioLoader loader = new ScenarioLoader();
        ScenarioValidator.Report report = new ScenarioValidator(loader).validate(paths);
        report.lines().forEach(out::println);
        long errors = report.errors();
        int run = 0;
        int failed = 0;
        if (runTests) {
            for (ScenarioValidator.FileReport file : report.files()) {
                if (file.errors() > 0) {
                    continue;
                }
                var scenario = loader.load(Path.of(file.file())).scenario();
                if (scenario.isEmpty()) {
                    continue;
                }
                new SharedMoveCheck(context.services().classifier()).check(scenario.get())
                        .forEach(p -> out.println(p));
                var summary = new ScenarioTestRunner(context.engines().forScenario(scenario.get())).runAll();
                for (ScenarioTestRunner.Result r : summary.results()) {
                    run++;
                    if (!r.passed()) {
                        failed++;
                        r.failures().forEach(f -> out.println(f.location() + ": error: test '" + r.name() + "': "
                                + f.message()));
                        errors += r.failures().size();
                    }
                }
            }
        }
        out.println(report.summary() + (runTests ? "; tests: " + (run - failed) + " passed, " + failed + " failed" : ""));
        return errors == 0 ? 0 : 1;
    }
}
