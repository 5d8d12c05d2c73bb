package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Location;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLibrary;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shipped library (classpath {@code scenarios/index.txt}) plus the files of a scenarios directory, which win
 * on the same id. {@link #reload()} re-reads changed files; a file that breaks keeps its last good version live
 * and its problems are reported in {@link #status()}. Thread-safe: readers see an immutable snapshot.
 */
public final class LibraryCatalog implements ScenarioCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryCatalog.class);
    private static final String INDEX = ScenarioLibrary.CLASSPATH_ROOT + ScenarioLibrary.INDEX;

    private final ScenarioLoader loader = new ScenarioLoader();
    private final ClassLoader classLoader;
    private final Optional<Path> directory;
    private final List<ScenarioVersion> shipped;
    private final List<String> shippedProblems;
    /** Per directory file: its content hash and the last good version (if it ever loaded). */
    private final Map<Path, FileState> files = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), List.of());

    private record FileState(String hash, Optional<ScenarioVersion> lastGood, List<String> problems) {
    }

    private record Snapshot(List<ScenarioVersion> versions, List<String> problems) {
    }

    private LibraryCatalog(ClassLoader classLoader, Optional<Path> directory) {
        this.classLoader = classLoader;
        this.directory = directory;
        List<ScenarioVersion> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        loadShipped(found, problems);
        this.shipped = List.copyOf(found);
        this.shippedProblems = List.copyOf(problems);
    }

    /** Loads the shipped library and the directory now; blocking. */
    public static LibraryCatalog load(ClassLoader classLoader, Optional<Path> directory) {
        LibraryCatalog catalog = new LibraryCatalog(classLoader, directory);
        catalog.reload();
        return catalog;
    }

    private void loadShipped(List<ScenarioVersion> found, List<String> problems) {
        List<String> names;
        try (InputStream index = classLoader.getResourceAsStream(INDEX)) {
            if (index == null) {
                LOG.warn("No shipped scenario library on the classpath ({} is missing)", INDEX);
                return;
            }
            names = ScenarioLibrary.readIndex(index);
        } catch (IOException e) {
            problems.add(INDEX + ":0:0: cannot be read: " + e.getMessage());
            return;
        }
        for (String name : names) {
            String resource = ScenarioLibrary.CLASSPATH_ROOT + name;
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add(resource + ":0:0: listed in " + INDEX + " but missing");
                    continue;
                }
                parse(resource, in.readAllBytes(), found, problems);
            } catch (IOException e) {
                problems.add(resource + ":0:0: cannot be read: " + e.getMessage());
            }
        }
    }

    private Optional<ScenarioVersion> parse(String source, byte[] bytes, List<ScenarioVersion> found,
                                            List<String> problems) {
        LoadResult result = loader.parse(source, bytes);
        if (result.hasErrors()) {
            result.errors().stream().map(Problem::toString).forEach(problems::add);
            return Optional.empty();
        }
        ScenarioVersion v = ScenarioVersion.of(result.scenario().orElseThrow(), new String(bytes, StandardCharsets.UTF_8));
        found.add(v);
        return Optional.of(v);
    }

    @Override
    public synchronized void reload() {
        if (directory.isPresent()) {
            scanDirectory(directory.get());
        }
        Map<String, ScenarioVersion> byId = new LinkedHashMap<>();
        shipped.forEach(v -> byId.put(v.scenario().id(), v));
        List<String> problems = new ArrayList<>(shippedProblems);
        // A directory file overrides the shipped scenario of the same id; two directory files with one id are an
        // error in the later one (in path order), which is not offered, as `dtr validate` reports it.
        Map<String, Path> owner = new HashMap<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            problems.addAll(e.getValue().problems());
            e.getValue().lastGood().ifPresent(v -> {
                String id = v.scenario().id();
                Path first = owner.putIfAbsent(id, e.getKey());
                if (first == null) {
                    byId.put(id, v);
                } else {
                    problems.add(Problem.error(idLocation(e.getKey(), v), "duplicate scenario id '" + id
                            + "': already used by " + first + "; this file is not offered").toString());
                }
            });
        });
        snapshot = new Snapshot(List.copyOf(byId.values()), List.copyOf(problems));
    }

    private void scanDirectory(Path dir) {
        List<Path> present;
        try {
            // the same files the command line's --scenarios reads: sub-folders too, hidden files skipped
            present = ScenarioLibrary.scenarioFiles(dir);
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Cannot read the scenarios directory {}: {}", dir, e.getMessage());
            return;
        }
        files.keySet().retainAll(present);
        for (Path file : present) {
            byte[] bytes;
            try {
                if (Files.size(file) > ScenarioLoader.MAX_BYTES) {
                    files.put(file, new FileState("", previous(file), List.of(file + ":0:0: larger than 1 MiB")));
                    continue;
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                files.put(file, new FileState("", previous(file), List.of(file + ":0:0: cannot be read: " + e.getMessage())));
                continue;
            }
            String hash = ScenarioVersion.sha256(new String(bytes, StandardCharsets.UTF_8));
            FileState before = files.get(file);
            if (before != null && before.hash().equals(hash)) {
                continue;
            }
            List<ScenarioVersion> found = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Optional<ScenarioVersion> loaded = parse(file.toString(), bytes, found, problems);
            if (loaded.isPresent()) {
                LOG.info("Loaded scenario '{}' from {}", loaded.get().scenario().id(), file);
            } else {
                LOG.warn("Scenario file {} has errors; {}", file,
                        previous(file).isPresent() ? "keeping its last good version" : "it is not offered");
            }
            files.put(file, new FileState(hash, loaded.or(() -> previous(file)), problems));
        }
    }

    /** Where the file's {@code id:} is, for a message; the file's start when it cannot be found. */
    private Location idLocation(Path file, ScenarioVersion v) {
        return loader.parseDetailed(file.toString(), v.content().getBytes(StandardCharsets.UTF_8)).idLocation()
                .orElse(new Location(file.toString(), 1, 1));
    }

    private Optional<ScenarioVersion> previous(Path file) {
        FileState s = files.get(file);
        return s == null ? Optional.empty() : s.lastGood();
    }

    @Override
    public boolean isShipped(String hash) {
        return shipped.stream().anyMatch(v -> v.hash().equals(hash));
    }

    @Override
    public List<ScenarioVersion> current() {
        return snapshot.versions();
    }

    @Override
    public Scenario parse(String content, String source) {
        return loader.parse(source, content.getBytes(StandardCharsets.UTF_8)).orThrow();
    }

    @Override
    public LibraryStatus status() {
        Snapshot s = snapshot;
        return new LibraryStatus(s.versions().size(), s.problems());
    }
}
