package io.dtrcoach.core.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How well a classifier labels a held-out file: per-label precision, recall, F1 and support; the aggregate
 * "pressure" class (a line is pressure when it carries any {@code pressure.*} label); and, per gold label, what
 * was predicted instead when it was missed and on which lines it was predicted spuriously. Immutable.
 *
 * <pre>{@code System.out.print(ClassifierEvaluation.run(classifier, Path.of("eval.tsv")).format());}</pre>
 */
public final class ClassifierEvaluation {
    /** The name of the aggregate pressure class in reports. */
    public static final String PRESSURE = "pressure";

    /** Counts for one label, and the figures made from them (0 where undefined). */
    public record Scores(String label, int support, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return support == 0 ? 0 : (double) truePositives / support;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** A line whose predicted labels differ from its gold labels. */
    public record Miss(String text, List<String> gold, List<String> predicted) {
    }

    private final int lines;
    private final Map<String, Scores> perLabel;
    private final Scores pressure;
    private final Map<String, Map<String, Integer>> predictedInstead;
    private final Map<String, Map<String, Integer>> spuriousOn;
    private final List<Miss> misses;

    private ClassifierEvaluation(int lines, Map<String, Scores> perLabel, Scores pressure,
                                 Map<String, Map<String, Integer>> predictedInstead,
                                 Map<String, Map<String, Integer>> spuriousOn, List<Miss> misses) {
        this.lines = lines;
        this.perLabel = perLabel;
        this.pressure = pressure;
        this.predictedInstead = predictedInstead;
        this.spuriousOn = spuriousOn;
        this.misses = misses;
    }

    /** Reads a {@code labels<TAB>text} file (the {@link ExampleSet} format) and scores the classifier on it. */
    public static ClassifierEvaluation run(MoveClassifier classifier, Path tsv) {
        return run(classifier, ExampleSet.load(tsv));
    }

    public static ClassifierEvaluation run(MoveClassifier classifier, ExampleSet set) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // support, tp, fp, fn
        for (MoveLabel l : MoveLabel.values()) {
            counts.put(l.id(), new int[4]);
        }
        int[] pressureCounts = new int[4];
        Map<String, Map<String, Integer>> instead = new TreeMap<>();
        Map<String, Map<String, Integer>> spurious = new TreeMap<>();
        List<Miss> misses = new ArrayList<>();
        for (LabelledLine line : set.lines()) {
            Set<String> gold = new LinkedHashSet<>(line.labels());
            Set<String> predicted = classifier.classify(line.text()).stream().map(Move::label)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            for (String label : counts.keySet()) {
                tally(counts.get(label), gold.contains(label), predicted.contains(label));
            }
            tally(pressureCounts, gold.stream().anyMatch(MoveLabel::isPressure),
                    predicted.stream().anyMatch(MoveLabel::isPressure));
            for (String g : gold) {
                if (!predicted.contains(g)) {
                    Set<String> others = new LinkedHashSet<>(predicted);
                    others.removeAll(gold);
                    Map<String, Integer> row = instead.computeIfAbsent(g, k -> new TreeMap<>());
                    if (others.isEmpty()) {
                        row.merge("(nothing new)", 1, Integer::sum);
                    }
                    others.forEach(o -> row.merge(o, 1, Integer::sum));
                }
            }
            for (String p : predicted) {
                if (!gold.contains(p)) {
                    Map<String, Integer> row = spurious.computeIfAbsent(p, k -> new TreeMap<>());
                    gold.forEach(g -> row.merge(g, 1, Integer::sum));
                }
            }
            if (!gold.equals(predicted)) {
                misses.add(new Miss(line.text(), List.copyOf(gold), List.copyOf(predicted)));
            }
        }
        Map<String, Scores> perLabel = new LinkedHashMap<>();
        counts.forEach((label, c) -> perLabel.put(label, scores(label, c)));
        return new ClassifierEvaluation(set.size(), Map.copyOf(perLabel), scores(PRESSURE, pressureCounts),
                deepCopy(instead), deepCopy(spurious), List.copyOf(misses));
    }

    private static void tally(int[] c, boolean gold, boolean predicted) {
        if (gold) {
            c[0]++;
        }
        if (gold && predicted) {
            c[1]++;
        } else if (predicted) {
            c[2]++;
        } else if (gold) {
            c[3]++;
        }
    }

    private static Scores scores(String label, int[] c) {
        return new Scores(label, c[0], c[1], c[2], c[3]);
    }

    private static Map<String, Map<String, Integer>> deepCopy(Map<String, Map<String, Integer>> in) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    public int lines() {
        return lines;
    }

    /** Scores for one label id ({@code dtr_ask}, …) or {@link #PRESSURE} for the aggregate. */
    public Scores scores(String label) {
        if (PRESSURE.equals(label)) {
            return pressure;
        }
        Scores s = perLabel.get(label);
        if (s == null) {
            throw new IllegalArgumentException("unknown label '" + label + "'");
        }
        return s;
    }

    public Scores pressure() {
        return pressure;
    }

    /** Per gold label: the labels predicted on the lines where it was missed, with counts. */
    public Map<String, Map<String, Integer>> predictedInstead() {
        return predictedInstead;
    }

    /** Per predicted label: the gold labels of the lines where it was predicted but not labelled, with counts. */
    public Map<String, Map<String, Integer>> spuriousOn() {
        return spuriousOn;
    }

    public List<Miss> misses() {
        return misses;
    }

    /** Share of lines whose predicted label set equals the gold set exactly. */
    public double exactMatch() {
        return lines == 0 ? 0 : (double) (lines - misses.size()) / lines;
    }

    /** A plain-text report: per-label table, the pressure aggregate, then the confusion summary. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d lines, exact label-set match %.3f%n%n", lines, exactMatch()));
        out.append(String.format(Locale.ROOT, "%-24s %7s %9s %7s %7s %5s %5s%n", "label", "support", "precision",
                "recall", "f1", "fp", "fn"));
        for (MoveLabel l : MoveLabel.values()) {
            row(out, perLabel.get(l.id()));
        }
        out.append(String.format(Locale.ROOT, "%s%n", "-".repeat(70)));
        row(out, pressure);
        out.append(String.format(Locale.ROOT, "%nconfusions%n"));
        for (MoveLabel l : MoveLabel.values()) {
            Map<String, Integer> missed = predictedInstead.getOrDefault(l.id(), Map.of());
            Map<String, Integer> spurious = spuriousOn.getOrDefault(l.id(), Map.of());
            if (missed.isEmpty() && spurious.isEmpty()) {
                continue;
            }
            Scores s = perLabel.get(l.id());
            out.append(String.format(Locale.ROOT, "  %-22s", l.id()));
            if (s.falseNegatives() > 0) {
                out.append(String.format(Locale.ROOT, " missed %d, predicted instead: %s;", s.falseNegatives(),
                        counted(missed)));
            }
            if (s.falsePositives() > 0) {
                out.append(String.format(Locale.ROOT, " spurious %d, on lines labelled: %s", s.falsePositives(),
                        counted(spurious)));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The lines the classifier got wrong, one a line: gold → predicted, then the text. */
    public String formatMisses() {
        StringBuilder out = new StringBuilder();
        for (Miss m : misses) {
            out.append(String.format(Locale.ROOT, "%s -> %s\t%s%n", String.join(",", m.gold()),
                    String.join(",", m.predicted()), m.text()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Scores s) {
        out.append(String.format(Locale.ROOT, "%-24s %7d %9.3f %7.3f %7.3f %5d %5d%n", s.label(), s.support(),
                s.precision(), s.recall(), s.f1(), s.falsePositives(), s.falseNegatives()));
    }

    private static String counted(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "-";
        }
        return m.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }
}
