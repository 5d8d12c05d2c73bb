package io.dtrcoach.core.persona;

import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A labelled set of prospect replies for the reply guard ({@code leaks/l1.tsv}, {@code leaks/l2.tsv}: label, scenario,
 * fact, reply; written by independent writers, one per file). A row asks: with only this fact locked (every other
 * fact of its scenario revealed), is the reply a leak of it? The guard's answer is "leak" when it rejects the reply
 * for that fact; other rejections (out of character, too long) do not count either way.
 */
final class LeakSet {
    /** The shipped library; {@code -Ddtr.scenarios.dir=…} points elsewhere. */
    static final Path LIBRARY = Path.of(System.getProperty("dtr.scenarios.dir",
            "../scenarios/src/main/resources/scenarios"));

    record Row(boolean leak, Scenario scenario, Fact fact, String reply, int line) {
        /** Every fact of the scenario but this row's: revealed. */
        List<String> revealed() {
            return scenario.facts().stream().map(Fact::id).filter(id -> !id.equals(fact.id())).toList();
        }
    }

    /** Confusion counts and the figures made of them. */
    record Figures(int tp, int fp, int fn, int tn) {
        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static Figures of(Collection<Row> rows, Predicate<Row> saysLeak) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (Row r : rows) {
                boolean said = saysLeak.test(r);
                if (r.leak()) {
                    tp += said ? 1 : 0;
                    fn += said ? 0 : 1;
                } else {
                    fp += said ? 1 : 0;
                    tn += said ? 0 : 1;
                }
            }
            return new Figures(tp, fp, fn, tn);
        }

        @Override
        public String toString() {
            return String.format("precision %.3f (%d/%d), recall %.3f (%d/%d), F1 %.3f", precision(), tp, tp + fp,
                    recall(), tp, tp + fn, f1());
        }
    }

    private LeakSet() {
    }

    /** The rows of {@code leaks/<name>.tsv}, their scenarios loaded from the shipped library. */
    static List<Row> read(String name) {
        String text;
        try (InputStream in = LeakSet.class.getResourceAsStream("leaks/" + name + ".tsv")) {
            if (in == null) {
                throw new IllegalStateException("no leaks/" + name + ".tsv beside " + LeakSet.class.getName());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Scenario> scenarios = new HashMap<>();
        ScenarioLoader loader = new ScenarioLoader();
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = lines[i].split("\t", 4);
            if (f.length != 4 || !(f[0].equals("leak") || f[0].equals("innocent"))) {
                throw new IllegalStateException(name + ".tsv:" + (i + 1) + ": not label<TAB>scenario<TAB>fact<TAB>reply");
            }
            Scenario s = scenarios.computeIfAbsent(f[1], id -> loader.load(LIBRARY.resolve(id + ".yaml")).orThrow());
            int at = i + 1;
            Fact fact = s.fact(f[2]).orElseThrow(() -> new IllegalStateException(
                    name + ".tsv:" + at + ": no fact " + f[2] + " in " + f[1]));
            rows.add(new Row(f[0].equals("leak"), s, fact, f[3].strip(), i + 1));
        }
        return rows;
    }
}
