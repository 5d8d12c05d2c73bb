package io.dtrcoach.server.authoring;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.PublicationRepository;
import io.dtrcoach.server.practice.LibraryStatus;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library with its test gate: a scenario from the scenarios folder whose own {@code tests:} fail is not offered
 * to reps, unless a trainer published that exact content anyway. The shipped library is tested by the build and
 * always offered, also as an unchanged copy in the folder. Tests run when a version is first seen, in {@link #reload()} (blocking, on a worker); verdicts
 * are kept by content hash.
 */
public final class GatedCatalog implements ScenarioCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(GatedCatalog.class);

    private final ScenarioCatalog library;
    private final Engines engines;
    private final Optional<Path> directory;
    private final Database database;
    private final PublicationRepository publications;
    private final Map<String, ScenarioTestRunner.Summary> verdicts = new ConcurrentHashMap<>();
    private volatile Set<String> anyway = Set.of();

    /** Why a version is kept from reps. */
    public record Hidden(String reason) {
    }

    /** Made and judged now: blocking (runs the folder's scenarios' tests and reads the database). */
    public GatedCatalog(ScenarioCatalog library, Engines engines, Optional<Path> directory, Database database,
                        PublicationRepository publications) {
        this.library = library;
        this.engines = engines;
        this.directory = directory;
        this.database = database;
        this.publications = publications;
        judge();
    }

    @Override
    public List<ScenarioVersion> current() {
        return library.current();
    }

    @Override
    public List<ScenarioVersion> offered() {
        return library.current().stream().filter(v -> hidden(v).isEmpty()).toList();
    }

    @Override
    public Scenario parse(String content, String source) {
        return library.parse(content, source);
    }

    @Override
    public boolean isShipped(String hash) {
        return library.isShipped(hash);
    }

    @Override
    public LibraryStatus status() {
        return library.status();
    }

    @Override
    public void reload() {
        library.reload();
        judge();
    }

    /** Why reps do not get this version, if they do not. Never blocks: a version not yet tested is hidden. */
    public Optional<Hidden> hidden(ScenarioVersion v) {
        if (!gated(v) || anyway.contains(v.hash())) {
            return Optional.empty();
        }
        ScenarioTestRunner.Summary s = verdicts.get(v.hash());
        if (s == null) {
            return Optional.of(new Hidden("its tests have not run yet"));
        }
        return s.passed() ? Optional.empty() : Optional.of(new Hidden(s.failedCount() + " of " + s.results().size()
                + " of its tests fail, and no trainer has published it anyway"));
    }

    /** The tests of a version, run once per content. Blocking. */
    public ScenarioTestRunner.Summary tests(ScenarioVersion v) {
        return verdicts.computeIfAbsent(v.hash(), h -> new ScenarioTestRunner(engines.forScenario(v.scenario())).runAll());
    }

    /** Offers this content to reps from now on, whatever its tests say (recorded in the database by the caller). */
    void publishedAnyway(String hash) {
        Set<String> next = new java.util.HashSet<>(anyway);
        next.add(hash);
        anyway = Set.copyOf(next);
    }

    private boolean gated(ScenarioVersion v) {
        return directory.map(d -> v.scenario().source().startsWith(d.toString())).orElse(false)
                && !library.isShipped(v.hash());
    }

    private void judge() {
        try {
            anyway = Set.copyOf(database.inTransaction(publications::publishedAnyway));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read which scenarios were published anyway: {}", e.getMessage());
        }
        for (ScenarioVersion v : library.current()) {
            if (gated(v) && !verdicts.containsKey(v.hash())) {
                ScenarioTestRunner.Summary s = tests(v);
                if (!s.passed()) {
                    LOG.info("Scenario '{}' ({}): {} of {} tests fail; not offered to reps unless published anyway",
                            v.scenario().id(), v.scenario().source(), s.failedCount(), s.results().size());
                }
            }
        }
    }
}
