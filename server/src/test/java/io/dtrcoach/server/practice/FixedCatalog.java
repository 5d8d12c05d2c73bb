package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;

import java.util.List;
import java.util.function.BiFunction;

/** A catalog of scenarios given up front, with a parser for stored versions. */
public final class FixedCatalog implements ScenarioCatalog {
    private final List<ScenarioVersion> versions;
    private final BiFunction<String, String, Scenario> parser;

    public FixedCatalog(List<ScenarioVersion> versions, BiFunction<String, String, Scenario> parser) {
        this.versions = List.copyOf(versions);
        this.parser = parser;
    }

    @Override
    public List<ScenarioVersion> current() {
        return versions;
    }

    @Override
    public Scenario parse(String content, String source) {
        return parser.apply(content, source);
    }

    @Override
    public LibraryStatus status() {
        return new LibraryStatus(versions.size(), List.of());
    }
}
