package io.dtrcoach.core.scenario;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads scenario files. Never throws and never hangs, whatever the bytes: every failure is a located
 * {@link Problem}. Loading a file also runs the {@link ScenarioLinter}, whose warnings do not stop it.
 * One loader can be shared; it keeps no state between files.
 */
public final class ScenarioLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioLoader.class);

    /** Files larger than this are refused before they are read. */
    public static final int MAX_BYTES = YamlReader.MAX_BYTES;

    private final YamlReader yaml = new YamlReader();
    private final ExpressionCompiler expressions = new ExpressionCompiler();
    private final ScenarioLinter linter = new ScenarioLinter();

    /**
     * A load result plus where the file wrote its {@code id:} (for messages about the file as a whole) and a
     * digest of its bytes (so that a reload can tell an unchanged file).
     */
    public record Detailed(LoadResult result, Optional<Location> idLocation, Optional<String> digest) {
    }

    public LoadResult load(Path file) {
        return loadDetailed(file).result();
    }

    public LoadResult parse(String sourceName, byte[] content) {
        return parseDetailed(sourceName, content).result();
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes of a stream (a classpath resource, say) and parses them. */
    public LoadResult parse(String sourceName, InputStream in) {
        return parseDetailed(sourceName, in).result();
    }

    Detailed loadDetailed(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failed(name, "the file is " + size + " bytes; a scenario file may be at most 1 MiB ("
                        + MAX_BYTES + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parseDetailed(name, in);
            }
        } catch (NoSuchFileException e) {
            return failed(name, "no such file");
        } catch (IOException | RuntimeException e) {
            return failed(name, "cannot read the file: " + e.getMessage());
        }
    }

    Detailed parseDetailed(String sourceName, InputStream in) {
        try {
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                return failed(sourceName, "the file is larger than 1 MiB (" + MAX_BYTES + " bytes), the most a "
                        + "scenario file may be");
            }
            return parseDetailed(sourceName, content);
        } catch (IOException e) {
            return failed(sourceName, "cannot read the file: " + e.getMessage());
        }
    }

    public Detailed parseDetailed(String sourceName, byte[] content) {
        Problems problems = new Problems(sourceName);
        Optional<String> digest = Optional.of(digest(content));
        try {
            YamlReader.Parsed parsed = yaml.read(content, problems);
            if (parsed.root().isEmpty()) {
                return new Detailed(new LoadResult(Optional.empty(), problems.toList()), Optional.empty(), digest);
            }
            ScenarioReader reader = new ScenarioReader(problems, expressions, new SourceText(parsed.text()));
            Optional<Scenario> scenario = reader.read(parsed.root().get());
            if (scenario.isPresent()) {
                linter.lint(scenario.get()).forEach(problems::add);
            }
            List<Problem> all = problems.toList();
            boolean errors = all.stream().anyMatch(Problem::isError);
            return new Detailed(new LoadResult(errors ? Optional.empty() : scenario, all), reader.idLocation(), digest);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug of ours, not of the file: still a located problem, never an exception to the caller.
            LOG.error("Internal error while loading {}", sourceName, e);
            List<Problem> all = new ArrayList<>(problems.toList());
            all.add(Problem.error(new Location(sourceName, 1, 1), "internal error while loading this file ("
                    + e.getClass().getSimpleName() + "); please report it"));
            return new Detailed(new LoadResult(Optional.empty(), all), Optional.empty(), digest);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Detailed failed(String name, String message) {
        return new Detailed(new LoadResult(Optional.empty(), List.of(Problem.error(new Location(name, 1, 1), message))),
                Optional.empty(), Optional.empty());
    }
}
