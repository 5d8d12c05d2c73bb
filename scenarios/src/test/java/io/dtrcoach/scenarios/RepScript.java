package io.dtrcoach.scenarios;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A whole call's rep lines written by an independent writer from the rep's brief alone
 * ({@code src/test/resources/rep-scripts/<writer>.yaml}), with the kind of rep the writer meant it to be.
 */
record RepScript(String writer, String scenario, String kind, List<String> lines, String file) {
    /** The development set: scripts by s1–s6, some of whose transcripts were read while fixing the product. */
    static final Path DIR = Path.of("src/test/resources/rep-scripts");
    /** The held-out set: scripts by h1–h3, written on 7 Dec 2026 and not read while changing the product. */
    static final Path HELD_OUT = Path.of("src/test/resources/rep-scripts-held-out");

    static List<RepScript> all() {
        return all(DIR);
    }

    static List<RepScript> all(Path dir) {
        List<RepScript> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root = YamlAsJson.read(Files.readString(f));
                for (JsonNode s : root) {
                    List<String> lines = new ArrayList<>();
                    s.path("lines").forEach(l -> lines.add(l.asText()));
                    out.add(new RepScript(s.path("writer").asText(), s.path("scenario").asText(),
                            s.path("kind").asText(), List.copyOf(lines), f.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    String name() {
        return writer + "/" + scenario + "/" + kind;
    }
}
