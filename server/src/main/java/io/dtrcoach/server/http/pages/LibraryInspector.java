package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLibrary;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.server.authoring.GatedCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the trainer's library page shows, per file: lint problems with their locations, whether a good version is
 * live for reps, the file's own tests and their coverage. Blocking (reads files, runs the engine): call it on a
 * worker. Test results are cached by content hash, so an unchanged file is not replayed on every page view.
 */
final class LibraryInspector {
    private final GatedCatalog catalog;
    private final Engines engines;
    private final Optional<Path> directory;
    private final ScenarioLoader loader = new ScenarioLoader();
    private final Map<String, ScenarioTestRunner.Summary> testsByHash = new ConcurrentHashMap<>();

    LibraryInspector(GatedCatalog catalog, Engines engines, Optional<Path> directory) {
        this.catalog = catalog;
        this.engines = engines;
        this.directory = directory;
    }

    Map<String, Object> inspect() throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<ScenarioVersion> live = catalog.current();
        List<String> fromDirectory = new ArrayList<>();
        if (directory.isPresent() && Files.isDirectory(directory.get())) {
            for (Path file : ScenarioLibrary.scenarioFiles(directory.get())) {
                byte[] bytes = Files.readAllBytes(file);
                LoadResult result = loader.parse(file.toString(), bytes);
                Optional<ScenarioVersion> serving = live.stream()
                        .filter(v -> v.scenario().source().equals(file.toString())).findFirst();
                serving.ifPresent(v -> fromDirectory.add(v.scenario().id()));
                Map<String, Object> entry = entry(directory.get().relativize(file).toString(), result,
                        ScenarioVersion.sha256(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), serving);
                entry.put("updatedAt", Files.getLastModifiedTime(file).toInstant().toString());
                entries.add(entry);
            }
        }
        for (ScenarioVersion v : live) {
            if (fromDirectory.contains(v.scenario().id()) || v.scenario().source().startsWith(directory.map(Path::toString).orElse("\0"))) {
                continue;
            }
            LoadResult result = loader.parse(v.scenario().source(), v.content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            entries.add(entry(v.scenario().source(), result, v.hash(), Optional.of(v)));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        directory.ifPresent(d -> model.put("directory", d.toString()));
        model.put("reloadedAt", Instant.now().toString());
        long broken = entries.stream().filter(e -> e.get("status").equals("errors")).count();
        int passed = 0;
        int total = 0;
        for (Map<String, Object> e : entries) {
            if (e.get("tests") instanceof Map<?, ?> t) {
                passed += (Integer) t.get("passed");
                total += (Integer) t.get("total");
            }
        }
        long hidden = entries.stream().filter(e -> e.containsKey("hidden")).count();
        model.put("summary", Map.of("files", entries.size(), "ok", entries.size() - broken, "broken", broken,
                "hidden", hidden, "testsPassed", passed, "testsTotal", total));
        model.put("scenarios", entries);
        return model;
    }

    private Map<String, Object> entry(String file, LoadResult result, String hash, Optional<ScenarioVersion> serving) {
        Map<String, Object> e = new LinkedHashMap<>();
        Optional<Scenario> loaded = result.scenario().filter(s -> !result.hasErrors());
        Optional<Scenario> shown = loaded.or(() -> serving.map(ScenarioVersion::scenario));
        shown.ifPresent(s -> {
            e.put("id", s.id());
            e.put("title", s.title());
            e.put("modes", s.modes().stream().map(Enum::name).toList());
        });
        e.put("file", file);
        e.put("status", result.hasErrors() ? "errors" : result.warnings().isEmpty() ? "ok" : "warnings");
        e.put("live", serving.isPresent());
        serving.flatMap(catalog::hidden).ifPresent(h -> e.put("hidden", h.reason()));
        e.put("problems", result.problems().stream().map(LibraryInspector::problem).toList());
        loaded.ifPresent(s -> {
            ScenarioTestRunner.Summary summary = testsByHash.computeIfAbsent(hash,
                    h -> new ScenarioTestRunner(engines.forScenario(s)).runAll());
            e.put("tests", Map.of("total", summary.results().size(),
                    "passed", (int) (summary.results().size() - summary.failedCount()),
                    "failed", (int) summary.failedCount(),
                    "results", summary.results().stream().map(r -> Map.of("name", r.name(), "passed", r.passed(),
                            "failures", r.failures().stream().map(f -> Map.of("location", f.location().toString(),
                                    "message", f.message())).toList())).toList()));
            e.put("coverage", Map.of("nodesNeverReached", summary.nodesNeverReached(),
                    "factsNeverRevealed", summary.factsNeverRevealed()));
        });
        return e;
    }

    private static Map<String, Object> problem(Problem p) {
        return Map.of("file", p.location().file(), "line", p.location().line(), "column", p.location().column(),
                "severity", p.severity().name(), "message", p.message());
    }
}
