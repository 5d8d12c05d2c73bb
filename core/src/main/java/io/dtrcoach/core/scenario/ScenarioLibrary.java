package io.dtrcoach.core.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The loaded scenarios by id, with every file's problems. Immutable: a reload builds a new library (from the
 * same folder, say) and {@link #refresh(ScenarioLibrary) refreshes} it against the one in use, so that a file
 * saved with a mistake keeps serving its last good version while its problems are shown.
 *
 * <p>A broken file never takes the others down. Two files with the same id: the later one (in file order) is an
 * error and is not loaded.
 */
public final class ScenarioLibrary {
    /** Where the shipped library lives on the classpath (the scenarios module). */
    public static final String CLASSPATH_ROOT = "scenarios/";
    /** Lists the shipped files, one name a line, because a jar cannot be listed portably. */
    public static final String INDEX = "index.txt";

    /**
     * One file of the library.
     *
     * @param source   the file's name as used in its problems
     * @param scenario what it serves: its scenario, or, when {@code stale}, the last good version of it
     * @param problems the problems of its newest version
     * @param stale    the newest version has errors and {@code scenario} is the previous good one
     */
    public record Entry(String source, Optional<Scenario> scenario, List<Problem> problems, boolean stale) {
        public Entry {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    /** What changed between two libraries, by scenario id. */
    public record Changes(Set<String> added, Set<String> removed, Set<String> updated) {
        public Changes {
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
            updated = Set.copyOf(updated);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && updated.isEmpty();
        }
    }

    /** An entry, where its file wrote {@code id:} (for the duplicate-id message) and its bytes' digest. */
    private record Item(Entry entry, Optional<Location> idLocation, Optional<String> digest) {
        Item(Entry entry, Optional<Location> idLocation) {
            this(entry, idLocation, Optional.empty());
        }

        static Item of(String source, ScenarioLoader.Detailed d) {
            return new Item(new Entry(source, d.result().scenario(), d.result().problems(), false), d.idLocation(),
                    d.digest());
        }
    }

    private final List<Item> items;
    private final Map<String, Scenario> byId;

    private ScenarioLibrary(List<Item> raw) {
        // Resolve duplicate ids in file order: the first file keeps the id, later ones get an error.
        Map<String, Scenario> ids = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        List<Item> resolved = new ArrayList<>();
        for (Item item : raw) {
            Entry e = item.entry();
            if (e.scenario().isPresent()) {
                String id = e.scenario().get().id();
                if (ids.containsKey(id)) {
                    List<Problem> problems = new ArrayList<>(e.problems());
                    problems.add(Problem.error(item.idLocation().orElse(new Location(e.source(), 1, 1)),
                            "duplicate scenario id '" + id + "': already used by " + owner.get(id)));
                    resolved.add(new Item(new Entry(e.source(), Optional.empty(), problems.stream().sorted().toList(),
                            false), item.idLocation(), item.digest()));
                    continue;
                }
                ids.put(id, e.scenario().get());
                owner.put(id, e.source());
            }
            resolved.add(item);
        }
        this.items = List.copyOf(resolved);
        this.byId = Collections.unmodifiableMap(ids);
    }

    public static ScenarioLibrary empty() {
        return new ScenarioLibrary(List.of());
    }

    /** Every {@code *.yaml} and {@code *.yml} file under a folder (sub-folders too; hidden files skipped). */
    public static ScenarioLibrary fromDirectory(Path dir, ScenarioLoader loader) {
        if (!Files.isDirectory(dir)) {
            return new ScenarioLibrary(List.of(failed(dir.toString(), "no such folder")));
        }
        try {
            return fromFiles(scenarioFiles(dir), loader);
        } catch (IOException | UncheckedIOException e) {
            return new ScenarioLibrary(List.of(failed(dir.toString(), "cannot list the folder: " + e.getMessage())));
        }
    }

    /** The given files, in the given order. */
    public static ScenarioLibrary fromFiles(List<Path> files, ScenarioLoader loader) {
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            items.add(Item.of(file.toString(), loader.loadDetailed(file)));
        }
        return new ScenarioLibrary(items);
    }

    /** The shipped library: the files that {@code scenarios/index.txt} lists, read from the class loader. */
    public static ScenarioLibrary fromClasspath(ClassLoader classLoader, ScenarioLoader loader) {
        return fromClasspath(classLoader, CLASSPATH_ROOT, loader);
    }

    public static ScenarioLibrary fromClasspath(ClassLoader classLoader, String root, ScenarioLoader loader) {
        String indexName = root + INDEX;
        List<String> names;
        try (InputStream in = classLoader.getResourceAsStream(indexName)) {
            if (in == null) {
                return new ScenarioLibrary(List.of(failed(indexName, "no scenario index on the classpath")));
            }
            names = readIndex(in);
        } catch (IOException e) {
            return new ScenarioLibrary(List.of(failed(indexName, "cannot read the index: " + e.getMessage())));
        }
        List<Item> items = new ArrayList<>();
        for (String name : names) {
            String source = root + name;
            if (name.contains("..") || name.startsWith("/")) {
                items.add(failed(source, "index entries must be plain file names"));
                continue;
            }
            try (InputStream in = classLoader.getResourceAsStream(source)) {
                if (in == null) {
                    items.add(failed(source, "listed in " + indexName + " but not on the classpath"));
                    continue;
                }
                items.add(Item.of(source, loader.parseDetailed(source, in)));
            } catch (IOException e) {
                items.add(failed(source, "cannot read: " + e.getMessage()));
            }
        }
        return new ScenarioLibrary(items);
    }

    /** The names an index lists: one a line; blank lines and {@code #} comments are skipped. */
    public static List<String> readIndex(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** This library's files, then the other's (a later file loses an id both use). */
    public ScenarioLibrary plus(ScenarioLibrary other) {
        List<Item> all = new ArrayList<>(items);
        all.addAll(other.items);
        return new ScenarioLibrary(all);
    }

    /**
     * This library (newly read) against the one in use: a file whose new version has errors keeps serving the
     * good version the previous library served, marked stale, with the new problems; a file whose bytes did
     * not change keeps the previous {@link Scenario} instance (so caches keyed by it stay warm). Files gone
     * since are gone.
     */
    public ScenarioLibrary refresh(ScenarioLibrary previous) {
        Map<String, Item> before = new LinkedHashMap<>();
        previous.items.forEach(i -> before.put(i.entry().source(), i));
        List<Item> merged = new ArrayList<>();
        for (Item item : items) {
            Entry now = item.entry();
            Item old = before.get(now.source());
            boolean oldGood = old != null && old.entry().scenario().isPresent();
            if (oldGood && now.scenario().isPresent() && item.digest().isPresent()
                    && item.digest().equals(old.digest()) && !old.entry().stale()) {
                merged.add(new Item(new Entry(now.source(), old.entry().scenario(), now.problems(), false),
                        item.idLocation(), item.digest()));
            } else if (oldGood && now.scenario().isEmpty() && now.hasErrors()) {
                merged.add(new Item(new Entry(now.source(), old.entry().scenario(), now.problems(), true),
                        old.idLocation(), item.digest()));
            } else {
                merged.add(item);
            }
        }
        return new ScenarioLibrary(merged);
    }

    /** Ids added, removed, or served by another {@link Scenario} instance than in {@code previous}. */
    public Changes changesSince(ScenarioLibrary previous) {
        Set<String> added = new java.util.LinkedHashSet<>(byId.keySet());
        added.removeAll(previous.byId.keySet());
        Set<String> removed = new java.util.LinkedHashSet<>(previous.byId.keySet());
        removed.removeAll(byId.keySet());
        Set<String> updated = new java.util.LinkedHashSet<>();
        byId.forEach((id, s) -> {
            Scenario before = previous.byId.get(id);
            if (before != null && before != s) {
                updated.add(id);
            }
        });
        return new Changes(added, removed, updated);
    }

    public Optional<Scenario> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Scenario get(String id) {
        return find(id).orElseThrow(() -> new ScenarioNotFound(id));
    }

    /** The scenarios in file order. */
    public Collection<Scenario> scenarios() {
        return byId.values();
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public List<Entry> files() {
        return items.stream().map(Item::entry).toList();
    }

    public Optional<Entry> file(String source) {
        return files().stream().filter(e -> e.source().equals(source)).findFirst();
    }

    /** Every problem of every file, file by file. */
    public List<Problem> problems() {
        return items.stream().flatMap(i -> i.entry().problems().stream()).toList();
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(i -> i.entry().hasErrors());
    }

    /** The scenario files under a folder, sorted: what {@link #fromDirectory} reads (the server's catalog too). */
    public static List<Path> scenarioFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 16)) {
            return walk.filter(Files::isRegularFile).filter(ScenarioLibrary::isScenarioFile).sorted().toList();
        }
    }

    static boolean isScenarioFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static Item failed(String source, String message) {
        return new Item(new Entry(source, Optional.empty(), List.of(Problem.error(new Location(source, 1, 1), message)),
                false), Optional.empty());
    }
}
