package io.dtrcoach.server.cli;

import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLibrary;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.server.config.ConfigLoader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the scenario a CLI command names: a file path, or an id in a scenario folder (the command's flag, else the
 * {@code scenarios} setting) or the shipped library.
 */
final class ScenarioResolver {
    private ScenarioResolver() {
    }

    /** The scenario, or empty after printing why not (its problems with file:line:col, or an unknown id). */
    static Optional<Scenario> resolve(String idOrFile, Path folder, PrintStream err) {
        ScenarioLoader loader = new ScenarioLoader();
        Path asFile = Path.of(idOrFile);
        if (Files.isRegularFile(asFile)) {
            LoadResult result = loader.load(asFile);
            result.problems().stream().filter(Problem::isError).forEach(err::println);
            return result.scenario();
        }
        ScenarioLibrary library = ScenarioLibrary.fromClasspath(ScenarioResolver.class.getClassLoader(), loader);
        String setting = new ConfigLoader(System.getenv())
                .value("scenarios", Optional.ofNullable(folder).map(Path::toString));
        Path dir = setting.isBlank() ? null : Path.of(setting);
        if (dir != null && Files.isDirectory(dir)) {
            library = library.plus(ScenarioLibrary.fromDirectory(dir, loader));
        }
        Optional<Scenario> found = library.find(idOrFile);
        if (found.isEmpty()) {
            err.println("no scenario '" + idOrFile + "' (not a file, and not an id in the library: "
                    + String.join(", ", library.ids().stream().sorted().toList()) + ")");
        }
        return found;
    }
}
