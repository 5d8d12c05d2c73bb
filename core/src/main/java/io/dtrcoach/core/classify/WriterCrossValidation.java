package io.dtrcoach.core.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Leave-one-writer-out cross-validation of the move model, and the shipped model made from it. For each writer, a
 * model is trained on everyone else's lines and scores that writer's lines, so every line gets a score from a model
 * that never saw its writer. From those scores: each row's calibration (Platt scaling), its threshold (best F1) and
 * its confidence floor (where precision reaches {@value #FLOOR_PRECISION}). The reported figures are stricter still:
 * each writer's lines are decided with thresholds chosen on the other writers' scores only, so nothing about a
 * writer's lines, threshold included, was chosen with them in view. The shipped model is trained on every line.
 */
public final class WriterCrossValidation {
    static final double FLOOR_PRECISION = 0.9;

    /** Precision, recall and F1 of one label (or of "pressure": any kind), pooled over every held-out writer. */
    public record Figures(String label, int support, int truePositives, int falsePositives, int falseNegatives) {
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

    /** What the run found: the pooled figures, pressure per held-out writer, and the model trained on everything. */
    public record Result(int lines, List<String> writers, Map<String, Figures> figures,
                         Map<String, Figures> pressureByWriter, double exactMatch, MoveModel model,
                         List<List<Move>> decided, float[][][] rows) {
        public Figures of(String label) {
            return figures.get(label);
        }

        /** The share of corpus lines on which another model decides exactly the same labels as this run's model. */
        public double agreement(MoveModel other) {
            int same = 0;
            for (float[][] r : rows) {
                List<String> a = model.decide(model.confidences(model.maxLogits(r))).stream().map(Move::label).sorted()
                        .toList();
                List<String> b = other.decide(other.confidences(other.maxLogits(r))).stream().map(Move::label)
                        .sorted().toList();
                same += a.equals(b) ? 1 : 0;
            }
            return (double) same / rows.length;
        }

        /** A Markdown table of the figures, labels in taxonomy order then "pressure". */
        public String table() {
            StringBuilder b = new StringBuilder("| move | lines | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
            figures.values().forEach(f -> b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n",
                    f.label(), f.support(), f.precision(), f.recall(), f.f1())));
            b.append(String.format(Locale.ROOT, "%nExact match (every label of a line right): %.3f over %d lines "
                    + "from %d writers.%n", exactMatch, lines, writers.size()));
            return b.toString();
        }
    }

    private final MoveFeatures features;
    private final Logistic.Settings settings;
    private final int threads;

    /** The run that makes the shipped model: its features and training settings, on two threads. */
    public static WriterCrossValidation shipped(io.dtrcoach.core.embed.TextEmbedder embedder) {
        return new WriterCrossValidation(MoveFeatures.shipped(embedder), Logistic.Settings.SHIPPED, 2);
    }

    WriterCrossValidation(MoveFeatures features, Logistic.Settings settings, int threads) {
        this.features = features;
        this.settings = settings;
        this.threads = threads;
    }

    public Result run(Corpus corpus) {
        return run(corpus, featureRows(features, corpus.lines(), threads));
    }

    /** The run over feature rows already computed ({@link #featureRows}), one entry per corpus line. */
    Result run(Corpus corpus, float[][][] rows) {
        return decide(corpus, rows, combine(foldRowLogits(corpus, rows), MoveModel.SENTENCE_PRESSURE_MARGIN), true);
    }

    /** Each held-out line's turn logits under a pressure margin (see {@link MoveModel#combine}). */
    static double[][] combine(double[][][] rowLogits, double sentencePressureMargin) {
        double[][] out = new double[rowLogits.length][];
        for (int i = 0; i < rowLogits.length; i++) {
            out[i] = MoveModel.combine(rowLogits[i], sentencePressureMargin);
        }
        return out;
    }

    /** The last feature row of every line (the whole turn's), which the models are trained on. */
    private static float[][] wholeRows(float[][][] rows) {
        float[][] x = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = rows[i][rows[i].length - 1];
        }
        return x;
    }

    private static boolean[][] targets(List<Corpus.Line> lines) {
        boolean[][] y = new boolean[lines.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = targets(lines.get(i));
        }
        return y;
    }

    /** Every line's feature rows' logits from the model of the fold that held its writer out. */
    double[][][] foldRowLogits(Corpus corpus, float[][][] rows) {
        List<Corpus.Line> lines = corpus.lines();
        int n = lines.size();
        float[][] x = wholeRows(rows);
        boolean[][] y = targets(lines);
        double[][][] logits = new double[n][][];
        List<Future<?>> folds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String w : corpus.writers()) {
                folds.add(pool.submit(() -> {
                    int[] train = indices(lines, l -> !l.writer().equals(w));
                    RowScorer model = RowScorer.train(pick(x, train), pick(y, train), settings);
                    MoveModel scorer = new MoveModel(features.kind(), features.rules(), model, neutralRows());
                    for (int i : indices(lines, l -> l.writer().equals(w))) {
                        logits[i] = scorer.rowLogits(rows[i]);
                    }
                }));
            }
            for (Future<?> f : folds) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cross-validation failed", e);
        } finally {
            pool.shutdownNow();
        }
        return logits;
    }

    /**
     * Calibration, thresholds and figures from held-out turn logits; with {@code train}, the shipped model trained
     * on every line too (otherwise the result has no model).
     */
    Result decide(Corpus corpus, float[][][] rows, double[][] logits, boolean train) {
        List<Corpus.Line> lines = corpus.lines();
        int n = lines.size();
        boolean[][] y = targets(lines);
        List<String> writers = corpus.writers();
        MoveModel.Row[] calibration = new MoveModel.Row[MoveModel.ROWS];
        double[][] p = new double[n][MoveModel.ROWS];
        for (int r = 0; r < MoveModel.ROWS; r++) {
            double[] ab = platt(logits, y, r);
            calibration[r] = new MoveModel.Row(ab[0], ab[1], 0.5, 0.5);
            for (int i = 0; i < n; i++) {
                p[i][r] = calibration[r].calibrate(logits[i][r]);
            }
        }
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        MoveModel.Row[] shipped = pressureRaised(thresholds(calibration, p, y, all), p, lines, all);
        for (int r = 0; r < MoveModel.ROWS; r++) {
            MoveModel.Row t = shipped[r];
            shipped[r] = new MoveModel.Row(t.a(), t.b(), t.threshold(), floor(p, y, r, t.threshold()));
        }

        // Reported figures: each writer decided with thresholds chosen without that writer.
        List<List<Move>> decided = new ArrayList<>(java.util.Collections.nCopies(n, null));
        for (String w : writers) {
            boolean[] others = new boolean[n];
            for (int i = 0; i < n; i++) {
                others[i] = !lines.get(i).writer().equals(w);
            }
            MoveModel.Row[] chosen = pressureRaised(thresholds(calibration, p, y, others), p, lines, others);
            for (int i = 0; i < n; i++) {
                if (!others[i]) {
                    decided.set(i, MoveModel.decide(p[i], chosen));
                }
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (MoveLabel l : MoveLabel.values()) {
            figures.put(l.id(), figures(l.id(), lines, decided, line -> line.has(l),
                    moves -> moves.contains(l.id())));
        }
        figures.put(MoveLabel.PRESSURE, figures(MoveLabel.PRESSURE, lines, decided, Corpus.Line::hasPressure,
                moves -> moves.stream().anyMatch(MoveLabel::isPressure)));
        Map<String, Figures> byWriter = new LinkedHashMap<>();
        for (String w : writers) {
            List<Corpus.Line> mine = new ArrayList<>();
            List<List<Move>> theirs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (lines.get(i).writer().equals(w)) {
                    mine.add(lines.get(i));
                    theirs.add(decided.get(i));
                }
            }
            byWriter.put(w, figures(MoveLabel.PRESSURE, mine, theirs, Corpus.Line::hasPressure,
                    moves -> moves.stream().anyMatch(MoveLabel::isPressure)));
        }
        int exact = 0;
        for (int i = 0; i < n; i++) {
            Set<String> got = decided.get(i).stream().map(Move::label).collect(Collectors.toSet());
            Set<String> want = lines.get(i).labels().stream().map(MoveLabel::id).collect(Collectors.toSet());
            exact += got.equals(want) ? 1 : 0;
        }

        MoveModel model = train ? new MoveModel(features.kind(), features.rules(),
                RowScorer.train(wholeRows(rows), y, settings), shipped) : null;
        return new Result(n, writers, figures, byWriter, (double) exact / n, model, List.copyOf(decided), rows);
    }

    /** Each row's best-F1 threshold over the chosen lines (the floor left at the threshold). */
    private static MoveModel.Row[] thresholds(MoveModel.Row[] calibration, double[][] p, boolean[][] y, boolean[] use) {
        MoveModel.Row[] out = new MoveModel.Row[MoveModel.ROWS];
        for (int r = 0; r < MoveModel.ROWS; r++) {
            double threshold = bestThreshold(p, y, r, use);
            out[r] = new MoveModel.Row(calibration[r].a(), calibration[r].b(), threshold, threshold);
        }
        return out;
    }

    /**
     * Each pressure kind's threshold is tuned for that kind, and a line is pressure when any kind (or "any pressure")
     * clears its own, so the union flags more than each kind alone: every pressure threshold is raised by the one
     * step, 0 to 0.4, that gives the best F1 for pressure of any kind over the chosen lines.
     */
    private static MoveModel.Row[] pressureRaised(MoveModel.Row[] rows, double[][] p, List<Corpus.Line> lines,
                                                  boolean[] use) {
        MoveModel.Row[] best = rows;
        double bestF1 = -1;
        for (int k = 0; k <= 8; k++) {
            double step = k * 0.05;
            MoveModel.Row[] raised = rows.clone();
            for (int r = 0; r < MoveModel.ROWS; r++) {
                if (r == MoveModel.ANY_PRESSURE || MoveModel.LABELS[r].isPressure()) {
                    double t = Math.min(0.95, rows[r].threshold() + step);
                    raised[r] = new MoveModel.Row(rows[r].a(), rows[r].b(), t, t);
                }
            }
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < p.length; i++) {
                if (!use[i]) {
                    continue;
                }
                boolean predicted = MoveModel.decide(p[i], raised).stream().anyMatch(Move::isPressure);
                boolean gold = lines.get(i).hasPressure();
                if (predicted && gold) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (gold) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = raised;
            }
        }
        return best;
    }

    /** Every line's feature rows, computed on the pool's threads (each line's own rows, so the order is fixed). */
    static float[][][] featureRows(MoveFeatures features, List<Corpus.Line> lines, int threads) {
        float[][][] out = new float[lines.size()][][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                parts.add(pool.submit(() -> {
                    for (int i = from; i < lines.size(); i += threads) {
                        out[i] = features.rows(lines.get(i).text());
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("computing features failed", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    static boolean[] targets(Corpus.Line line) {
        boolean[] y = new boolean[MoveModel.ROWS];
        for (MoveLabel l : line.labels()) {
            y[l.ordinal()] = true;
        }
        y[MoveModel.ANY_PRESSURE] = line.hasPressure();
        return y;
    }

    private static MoveModel.Row[] neutralRows() {
        MoveModel.Row[] rows = new MoveModel.Row[MoveModel.ROWS];
        Arrays.fill(rows, new MoveModel.Row(1, 0, 0.5, 0.5));
        return rows;
    }

    private static int[] indices(List<Corpus.Line> lines, java.util.function.Predicate<Corpus.Line> keep) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (keep.test(lines.get(i))) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[][] pick(float[][] x, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            out[k] = x[idx[k]];
        }
        return out;
    }

    private static boolean[][] pick(boolean[][] y, int[] idx) {
        boolean[][] out = new boolean[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            out[k] = y[idx[k]];
        }
        return out;
    }

    /** Platt scaling of one row's held-out logits: a and b of p = sigmoid(a z + b), by Newton's method. */
    static double[] platt(double[][] logits, boolean[][] y, int r) {
        int n = logits.length;
        int pos = 0;
        for (boolean[] yi : y) {
            pos += yi[r] ? 1 : 0;
        }
        // Platt's smoothed targets keep the fit finite when a row separates perfectly.
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (n - pos + 2.0);
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 50; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < n; i++) {
                double z = logits[i][r];
                double p = Logistic.sigmoid(a * z + b);
                double t = y[i][r] ? hi : lo;
                double e = p - t;
                double w = p * (1 - p);
                ga += e * z;
                gb += e;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** The threshold with the best F1 over the chosen lines (ties: the higher threshold), from 0.05 to 0.95. */
    static double bestThreshold(double[][] p, boolean[][] y, int r, boolean[] use) {
        double best = 0.5;
        double bestF1 = -1;
        for (int k = 5; k <= 95; k++) {
            double t = k / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < p.length; i++) {
                if (!use[i]) {
                    continue;
                }
                boolean predicted = p[i][r] >= t;
                if (predicted && y[i][r]) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (y[i][r]) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 >= bestF1) {
                bestF1 = f1;
                best = t;
            }
        }
        return best;
    }

    /** The lowest confidence at or above the threshold from which precision stays at least the floor's. */
    static double floor(double[][] p, boolean[][] y, int r, double threshold) {
        for (int k = (int) Math.round(threshold * 100); k <= 99; k++) {
            double t = k / 100.0;
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i][r] >= t) {
                    if (y[i][r]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            if (tp + fp == 0 || (double) tp / (tp + fp) >= FLOOR_PRECISION) {
                return t;
            }
        }
        return 0.99;
    }

    private static Figures figures(String label, List<Corpus.Line> lines, List<List<Move>> decided,
                                   java.util.function.Predicate<Corpus.Line> gold,
                                   java.util.function.Predicate<List<String>> predicted) {
        int support = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < lines.size(); i++) {
            boolean g = gold.test(lines.get(i));
            boolean pr = predicted.test(decided.get(i).stream().map(Move::label).toList());
            support += g ? 1 : 0;
            if (g && pr) {
                tp++;
            } else if (pr) {
                fp++;
            } else if (g) {
                fn++;
            }
        }
        return new Figures(label, support, tp, fp, fn);
    }
}
