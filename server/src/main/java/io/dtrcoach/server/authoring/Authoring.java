package io.dtrcoach.server.authoring;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.scenario.LoadResult;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.PublicationRepository;
import io.dtrcoach.server.practice.ScenarioVersion;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Editing scenarios in the browser: the server's linter and the scenario's own tests on a text as typed, and
 * publishing it into the scenarios folder (atomically; committed with the trainer as author when the folder is in a
 * git working tree). Everything blocking runs on the {@code compute} workers.
 */
public final class Authoring {
    private static final Logger LOG = LoggerFactory.getLogger(Authoring.class);
    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:[ \\t]*(\\S+)[ \\t]*$");
    private static final Pattern TITLE_LINE = Pattern.compile("(?m)^title:[ \\t]*(.+?)[ \\t]*$");

    private final GatedCatalog catalog;
    private final Engines engines;
    private final Optional<Path> directory;
    private final Database database;
    private final PublicationRepository publications;
    private final WorkerExecutor compute;
    private final Clock clock;
    private final ScenarioLoader loader = new ScenarioLoader();
    private final GitCommitter git = new GitCommitter();

    public Authoring(GatedCatalog catalog, Engines engines, Optional<Path> directory, Database database,
                     PublicationRepository publications, WorkerExecutor compute, Clock clock) {
        this.catalog = catalog;
        this.engines = engines;
        this.directory = directory;
        this.database = database;
        this.publications = publications;
        this.compute = compute;
        this.clock = clock;
    }

    /** A scenario's text to edit: the file on disk as it is now (even when broken), else the live version's. */
    public record Draft(String scenarioId, String file, String text, boolean canPublish) {
    }

    /** The tests of a text: its lint problems, and the results when it loads. */
    public record Checked(List<Problem> problems, Optional<ScenarioTestRunner.Summary> tests) {
    }

    /** What publishing did. {@code hidden}: why reps do not get it, if they do not. */
    public record Published(String scenarioId, String file, Optional<String> commit,
                            ScenarioTestRunner.Summary tests, boolean anyway, Optional<String> hidden) {
    }

    public Optional<Path> directory() {
        return directory;
    }

    public Future<Draft> draft(String scenarioId) {
        ScenarioVersion live = catalog.require(scenarioId);
        return compute.executeBlocking(() -> {
            Optional<Path> file = fileOf(live);
            String text = file.isPresent() && Files.isRegularFile(file.get())
                    ? Files.readString(file.get(), StandardCharsets.UTF_8) : live.content();
            return new Draft(scenarioId, file.map(f -> directory.get().relativize(f).toString())
                    .orElse(scenarioId + ".yaml"), text, directory.isPresent());
        }, false);
    }

    /** A new scenario from a copy of {@code fromId}: the same text under a fresh id and title. */
    public Future<Draft> copy(String fromId) {
        return draft(fromId).map(d -> {
            String id = freeId(fromId + "-copy");
            String text = replaceFirst(ID_LINE, d.text(), "id: " + id);
            Matcher title = TITLE_LINE.matcher(text);
            if (title.find()) {
                String old = title.group(1);
                String unquoted = old.length() > 1 && (old.startsWith("\"") || old.startsWith("'"))
                        ? old.substring(1, old.length() - 1) : old;
                text = text.substring(0, title.start()) + "title: \"" + unquoted.replace("\\", "\\\\")
                        .replace("\"", "\\\"") + " (copy)\"" + text.substring(title.end());
            }
            return new Draft(id, id + ".yaml", text, d.canPublish());
        });
    }

    public Future<List<Problem>> lint(String fileName, String text) {
        return compute.executeBlocking(() -> parse(fileName, text).problems(), false);
    }

    public Future<Checked> test(String fileName, String text) {
        return compute.executeBlocking(() -> {
            LoadResult result = parse(fileName, text);
            if (result.hasErrors() || result.scenario().isEmpty()) {
                return new Checked(result.problems(), Optional.empty());
            }
            return new Checked(result.problems(), Optional.of(
                    new ScenarioTestRunner(engines.forScenario(result.scenario().get())).runAll()));
        }, false);
    }

    /**
     * Writes the text into the scenarios folder, as the file that holds its id (or {@code <id>.yaml}), and commits
     * it when the folder is in a git working tree. {@code anyway}: offer it to reps even though its tests fail.
     */
    public Future<Published> publish(Caller caller, String text, boolean anyway) {
        if (directory.isEmpty()) {
            return Future.failedFuture(new NoScenariosFolder());
        }
        Path dir = directory.get();
        String normalized = normalize(text);
        return compute.executeBlocking(() -> {
            LoadResult probe = parse("scenario.yaml", normalized);
            if (probe.hasErrors() || probe.scenario().isEmpty()) {
                throw new ScenarioHasErrors(probe.errors());
            }
            String id = probe.scenario().get().id();
            Path target = catalog.current(id).flatMap(this::fileOf).orElse(dir.resolve(id + ".yaml"));
            LoadResult result = loader.parse(target.toString(), normalized.getBytes(StandardCharsets.UTF_8));
            if (result.hasErrors()) {
                throw new ScenarioHasErrors(result.errors());
            }
            ScenarioTestRunner.Summary tests = new ScenarioTestRunner(
                    engines.forScenario(result.scenario().orElseThrow())).runAll();
            writeAtomically(target, normalized);
            PublicationRepository.Author author = database.inTransaction(c -> publications.author(c, caller.user().id()));
            Optional<String> commit = Optional.empty();
            if (git.isWorkTree(dir)) {
                commit = git.commit(dir, target, author.name(), author.email()
                        .orElse(caller.user().username() + "@dtr-coach.invalid"), message(id, tests, anyway));
            }
            String hash = ScenarioVersion.sha256(normalized);
            long failed = tests.failedCount();
            Optional<String> gitCommit = commit;
            database.inTransaction(c -> {
                publications.insert(c, new PublicationRepository.Publication(id, hash, caller.user().id(),
                        clock.millis(), (int) failed, anyway, gitCommit));
                return null;
            });
            if (anyway) {
                catalog.publishedAnyway(hash);
            }
            catalog.reload();
            Optional<String> hidden = catalog.current(id).filter(v -> v.hash().equals(hash))
                    .map(v -> catalog.hidden(v).map(GatedCatalog.Hidden::reason))
                    .orElse(Optional.of("the folder holds another file with the id '" + id + "'"));
            LOG.info("{} published scenario '{}' to {}{}", caller.user().username(), id, target,
                    commit.map(h -> " (commit " + h + ")").orElse(""));
            return new Published(id, dir.relativize(target).toString(), commit, tests, anyway, hidden);
        }, false);
    }

    /** The funnel of reps' sessions in the scenario (the latest {@value #FUNNEL_SESSIONS}), by its current version. */
    public Future<ScenarioFunnel.Result> funnel(String scenarioId, io.dtrcoach.server.Json json) {
        ScenarioVersion live = catalog.require(scenarioId);
        return compute.executeBlocking(() -> {
            List<PublicationRepository.SessionTurns> rows = database.inTransaction(
                    c -> publications.sessionsOf(c, scenarioId, FUNNEL_SESSIONS));
            List<ScenarioFunnel.Session> sessions = rows.stream().map(r -> new ScenarioFunnel.Session(r.ended(),
                    r.ending(), r.turns().stream().map(t -> json.read(t, io.dtrcoach.core.conversation.Turn.class))
                    .toList())).toList();
            return ScenarioFunnel.of(live.scenario(), sessions);
        }, false);
    }

    static final int FUNNEL_SESSIONS = 2000;

    /** Browsers send a textarea's line breaks as CRLF; the file keeps plain LF. */
    public static String normalize(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private LoadResult parse(String fileName, String text) {
        return loader.parse(fileName, normalize(text).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Path> fileOf(ScenarioVersion v) {
        return directory.filter(d -> v.scenario().source().startsWith(d.toString()))
                .map(d -> Path.of(v.scenario().source()));
    }

    private String freeId(String wanted) {
        String id = wanted;
        for (int n = 2; catalog.current(id).isPresent(); n++) {
            id = wanted + "-" + n;
        }
        return id;
    }

    private static String message(String id, ScenarioTestRunner.Summary tests, boolean anyway) {
        String result = tests.passed() ? "all " + tests.results().size() + " tests pass"
                : tests.failedCount() + " of " + tests.results().size() + " tests fail"
                + (anyway ? "; published anyway" : "; hidden from reps");
        return "Publish scenario " + id + " from the browser (" + result + ")";
    }

    private static String replaceFirst(Pattern p, String text, String replacement) {
        Matcher m = p.matcher(text);
        return m.find() ? text.substring(0, m.start()) + replacement + text.substring(m.end()) : text;
    }

    private static void writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            // a hidden name: the library skips it while it is being written
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
