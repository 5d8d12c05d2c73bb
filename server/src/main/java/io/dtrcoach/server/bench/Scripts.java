package io.dtrcoach.server.bench;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioTest;
import io.dtrcoach.server.practice.LibraryCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rep lines the simulated reps say: every scripted test of the shipped scenarios (good paths and bad ones
 * alike) that starts at the opening, so each conversation is one a trainer wrote and a real rep could have.
 */
final class Scripts {
    /** Where one sentence ends and the next begins, as the classifier splits a turn. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    /** One conversation: the scenario to start and the rep's lines in order. */
    record Script(String scenarioId, String name, List<String> lines) {
    }

    private final List<Script> scripts;

    private Scripts(List<Script> scripts) {
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no scripted conversation found for any scenario the server offers");
        }
        this.scripts = List.copyOf(scripts);
    }

    /** The shipped library's scripts for the scenarios the server lists (its ids from GET /api/scenarios). */
    static Scripts shipped(Collection<String> offered) {
        LibraryCatalog library = LibraryCatalog.load(Scripts.class.getClassLoader(), Optional.empty());
        List<Script> out = new ArrayList<>();
        for (ScenarioVersion v : library.current()) {
            Scenario scenario = v.scenario();
            if (!offered.contains(scenario.id())) {
                continue;
            }
            for (ScenarioTest test : scenario.tests()) {
                if (test.given().isEmpty() && !test.turns().isEmpty()) {
                    out.add(new Script(scenario.id(), test.name(),
                            test.turns().stream().map(ScenarioTest.TestTurn::rep).toList()));
                }
            }
        }
        return new Scripts(out);
    }

    /**
     * The line as sent: unchanged for take 0, otherwise with the take number in every sentence ("Thanks (take 1234).
     * Where does this stand (take 1234)?"), so that no sentence of it, and not the whole turn, is one the server has
     * embedded before, as when a person types, while the meaning stays. (Marking only the last sentence left the
     * others cached.)
     */
    static String take(String line, long take) {
        if (take == 0) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        for (String sentence : SENTENCE_END.split(line.strip())) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            char last = sentence.isEmpty() ? '.' : sentence.charAt(sentence.length() - 1);
            boolean ends = ".!?".indexOf(last) >= 0;
            out.append(ends ? sentence.substring(0, sentence.length() - 1) : sentence).append(" (take ").append(take)
                    .append(')').append(ends ? String.valueOf(last) : "");
        }
        return out.toString();
    }

    /** Rep {@code rep}'s {@code n}th conversation: a fixed rotation, so runs are comparable. */
    Script pick(int rep, int n) {
        return scripts.get(Math.floorMod(rep * 7 + n, scripts.size()));
    }

    Script get(int i) {
        return scripts.get(i);
    }

    int size() {
        return scripts.size();
    }

    int scenarios() {
        return (int) scripts.stream().map(Script::scenarioId).distinct().count();
    }
}
