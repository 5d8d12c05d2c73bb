package io.dtrcoach.core.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks scenario files and folders, as {@code validate PATH…} does: every file's problems (a folder stands for
 * its {@code *.yaml}/{@code *.yml} files), ids unique across all of them.
 */
public final class ScenarioValidator {
    private final ScenarioLoader loader;

    public ScenarioValidator(ScenarioLoader loader) {
        this.loader = loader;
    }

    public ScenarioValidator() {
        this(new ScenarioLoader());
    }

    /** The problems of one file, in file order. */
    public record FileReport(String file, List<Problem> problems) {
        public FileReport {
            problems = List.copyOf(problems);
        }

        public long errors() {
            return problems.stream().filter(Problem::isError).count();
        }

        public long warnings() {
            return problems.size() - errors();
        }
    }

    public record Report(List<FileReport> files) {
        public Report {
            files = List.copyOf(files);
        }

        public long errors() {
            return files.stream().mapToLong(FileReport::errors).sum();
        }

        public long warnings() {
            return files.stream().mapToLong(FileReport::warnings).sum();
        }

        public boolean ok() {
            return errors() == 0;
        }

        /** {@code file:line:col: error|warning: message}, file by file. */
        public List<String> lines() {
            return files.stream().flatMap(f -> f.problems().stream()).map(Problem::toString).toList();
        }

        /** "3 files checked: 1 error, 2 warnings". */
        public String summary() {
            return files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: " + errors() + " error"
                    + (errors() == 1 ? "" : "s") + ", " + warnings() + " warning" + (warnings() == 1 ? "" : "s");
        }
    }

    public Report validate(List<Path> paths) {
        List<FileReport> missing = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try {
                    files.addAll(ScenarioLibrary.scenarioFiles(p));
                } catch (IOException | UncheckedIOException e) {
                    missing.add(new FileReport(p.toString(), List.of(Problem.error(new Location(p.toString(), 1, 1),
                            "cannot list the folder: " + e.getMessage()))));
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                missing.add(new FileReport(p.toString(), List.of(Problem.error(new Location(p.toString(), 1, 1),
                        "no such file or folder"))));
            }
        }
        ScenarioLibrary library = ScenarioLibrary.fromFiles(files.stream().distinct().toList(), loader);
        List<FileReport> reports = new ArrayList<>(missing);
        library.files().forEach(e -> reports.add(new FileReport(e.source(), e.problems())));
        return new Report(reports);
    }

    /** One file's report, for callers that check a single file. */
    public FileReport validate(Path file) {
        Optional<FileReport> only = validate(List.of(file)).files().stream().findFirst();
        return only.orElse(new FileReport(file.toString(), List.of()));
    }
}
