package io.dtrcoach.core.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The trained move model: one logistic regression per label plus one for "any pressure", each with its calibration
 * (Platt scaling fitted on leave-one-writer-out scores, so a confidence of 0.8 means about 80% of such lines carry
 * the label), its decision threshold and its confidence floor (below it a move is "unsure"). A turn's confidence in a
 * label is the highest over its sentences and the whole. Immutable; written and read as a small text file that
 * {@code train-classifier} makes from the corpus.
 */
public final class MoveModel {
    static final String FORMAT = "dtr-move-model/2";
    static final MoveLabel[] LABELS = MoveLabel.values();
    /** The row after the labels: any kind of pressure. */
    static final int ANY_PRESSURE = LABELS.length;
    static final int ROWS = LABELS.length + 1;

    /** Calibration, threshold and floor of one row. */
    record Row(double a, double b, double threshold, double floor) {
        double calibrate(double logit) {
            return Logistic.sigmoid(a * logit + b);
        }
    }

    private final MoveFeatures.Kind kind;
    private final boolean rules;
    private final RowScorer scorer;
    private final Row[] rows;

    MoveModel(MoveFeatures.Kind kind, boolean rules, RowScorer logistic, Row[] rows) {
        if (logistic.rows() != ROWS || rows.length != ROWS) {
            throw new IllegalArgumentException("a move model has " + ROWS + " rows");
        }
        this.kind = kind;
        this.rules = rules;
        this.scorer = logistic;
        this.rows = rows.clone();
    }

    public MoveFeatures.Kind kind() {
        return kind;
    }

    public boolean rules() {
        return rules;
    }

    Row row(int r) {
        return rows[r];
    }

    RowScorer scorer() {
        return scorer;
    }

    /**
     * How much stronger (in logits) one sentence's pressure must be than the whole turn's to count on its own.
     * Coercion is a matter of context ("It's fine if it's a no. Where are we?" is no ultimatum, though "Where are we?"
     * cut out of it reads like the blunt lines of one), so pressure is judged on the whole turn; but a deadline in
     * one sentence of three is diluted in the whole, so a sentence that is plainly pressure on its own still counts.
     * Chosen by leave-one-writer-out cross-validation (docs/classifier.md, "What was compared").
     */
    static final double SENTENCE_PRESSURE_MARGIN = 3.0;

    /** Every feature row's logits: the sentences', then (for a turn of several sentences) the whole's. */
    double[][] rowLogits(float[][] featureRows) {
        double[][] z = new double[featureRows.length][];
        for (int k = 0; k < featureRows.length; k++) {
            z[k] = scorer.logits(featureRows[k]);
        }
        return z;
    }

    /** A turn's logit per output (see {@link #combine}). */
    double[] maxLogits(float[][] featureRows) {
        return combine(rowLogits(featureRows), SENTENCE_PRESSURE_MARGIN);
    }

    /**
     * A turn's logit per output from its rows' logits: the highest over its sentences and the whole for every act
     * (a turn carries each act one of its sentences does); for pressure, the whole's, or a sentence's less
     * {@code sentencePressureMargin} when that is higher.
     */
    static double[] combine(double[][] rowLogits, double sentencePressureMargin) {
        double[] best = new double[ROWS];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        int whole = rowLogits.length - 1;
        for (int k = 0; k < rowLogits.length; k++) {
            double[] z = rowLogits[k];
            for (int r = 0; r < ROWS; r++) {
                boolean pressure = r == ANY_PRESSURE || LABELS[r].isPressure();
                double v = !pressure || k == whole ? z[r] : z[r] - sentencePressureMargin;
                best[r] = Math.max(best[r], v);
            }
        }
        return best;
    }

    /** Calibrated confidence per row. */
    double[] confidences(double[] maxLogits) {
        double[] p = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            p[r] = rows[r].calibrate(maxLogits[r]);
        }
        return p;
    }

    /** The moves of a turn from its calibrated confidences, most confident first. */
    List<Move> decide(double[] p) {
        return decide(p, rows);
    }

    /**
     * The decision rule, with the thresholds given (cross-validation passes its own): each label at or over its
     * threshold; "any pressure" over its threshold with no kind over its own adds the likeliest kind; a leading
     * question is not also a genuine question; {@code other} only when nothing else.
     */
    static List<Move> decide(double[] p, Row[] rows) {
        List<Move> out = new ArrayList<>();
        boolean pressure = false;
        boolean anyPressure = p[ANY_PRESSURE] >= rows[ANY_PRESSURE].threshold();
        for (MoveLabel l : LABELS) {
            int r = l.ordinal();
            if (l != MoveLabel.OTHER && p[r] >= rows[r].threshold()) {
                out.add(move(l, p[r], rows[r]));
                pressure |= l.isPressure();
            }
        }
        if (!pressure && anyPressure) {
            MoveLabel kind = Arrays.stream(LABELS).filter(MoveLabel::isPressure)
                    .max(Comparator.comparingDouble(l -> p[l.ordinal()])).orElseThrow();
            out.add(move(kind, p[ANY_PRESSURE], rows[ANY_PRESSURE]));
        }
        if (out.stream().anyMatch(m -> m.label().equals(MoveLabel.PRESSURE_LEADING.id()))) {
            out.removeIf(m -> MoveLabel.fromId(m.label()).map(MoveLabel::isForm).orElse(false));
        }
        if (out.isEmpty()) {
            int r = MoveLabel.OTHER.ordinal();
            out.add(new Move(MoveLabel.OTHER.id(), round(Math.max(p[r], 0.5)), p[r] < rows[r].floor()));
        }
        out.sort(Comparator.comparingDouble(Move::confidence).reversed().thenComparing(Move::label));
        return List.copyOf(out);
    }

    private static Move move(MoveLabel l, double p, Row row) {
        return new Move(l.id(), round(p), p < row.floor());
    }

    private static double round(double c) {
        return Math.round(Math.min(1, Math.max(0, c)) * 1000) / 1000.0;
    }

    // ---- the file ----

    /**
     * The model as a compact binary (gzip): the features it reads, its calibrated rows, and the trained weights as
     * raw floats, so that it reads back to the same bits.
     */
    public void write(OutputStream out) throws IOException {
        try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out)))) {
            d.writeUTF(FORMAT);
            d.writeUTF(kind.name());
            d.writeBoolean(rules);
            for (int r = 0; r < ROWS; r++) {
                d.writeUTF(rowName(r));
                d.writeDouble(rows[r].a());
                d.writeDouble(rows[r].b());
                d.writeDouble(rows[r].threshold());
                d.writeDouble(rows[r].floor());
            }
            writeScorer(d, scorer);
        }
    }

    private static void writeScorer(DataOutputStream d, RowScorer scorer) throws IOException {
        if (scorer instanceof Ensemble e) {
            d.writeUTF("ensemble");
            d.writeInt(e.members().size());
            for (RowScorer m : e.members()) {
                writeScorer(d, m);
            }
        } else if (scorer instanceof Mlp mlp) {
            d.writeUTF("mlp");
            write(d, mlp.mean());
            write(d, mlp.scale());
            write(d, mlp.hidden());
            write(d, mlp.output());
        } else if (scorer instanceof Logistic lr) {
            d.writeUTF("logistic");
            write(d, lr.mean());
            write(d, lr.scale());
            float[][] w = new float[ROWS][];
            for (int r = 0; r < ROWS; r++) {
                w[r] = lr.weights(r);
            }
            write(d, w);
        } else {
            throw new IllegalStateException("cannot write " + scorer.getClass().getSimpleName());
        }
    }

    private static RowScorer readScorer(DataInputStream d, String source) throws IOException {
        String type = d.readUTF();
        switch (type) {
            case "ensemble" -> {
                int n = d.readInt();
                java.util.List<RowScorer> members = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    members.add(readScorer(d, source));
                }
                return new Ensemble(members);
            }
            case "mlp" -> {
                return new Mlp(readVector(d), readVector(d), readMatrix(d), readMatrix(d));
            }
            case "logistic" -> {
                return new Logistic(readVector(d), readVector(d), readMatrix(d));
            }
            default -> throw new ExampleSetInvalid(source + ": unknown model type " + type);
        }
    }

    static String rowName(int r) {
        return r == ANY_PRESSURE ? MoveLabel.PRESSURE : LABELS[r].id();
    }

    public static MoveModel read(InputStream in, String source) {
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            if (!FORMAT.equals(d.readUTF())) {
                throw new ExampleSetInvalid(source + ": not a move model (expected " + FORMAT + ")");
            }
            MoveFeatures.Kind kind = MoveFeatures.Kind.valueOf(d.readUTF());
            boolean rules = d.readBoolean();
            Row[] rows = new Row[ROWS];
            for (int r = 0; r < ROWS; r++) {
                String name = d.readUTF();
                if (!name.equals(rowName(r))) {
                    throw new ExampleSetInvalid(source + ": expected the row of " + rowName(r) + ", found " + name
                            + " (the model was trained on another move vocabulary)");
                }
                rows[r] = new Row(d.readDouble(), d.readDouble(), d.readDouble(), d.readDouble());
            }
            RowScorer scorer = readScorer(d, source);
            return new MoveModel(kind, rules, scorer, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static void write(DataOutputStream d, float[] v) throws IOException {
        d.writeInt(v.length);
        for (float f : v) {
            d.writeFloat(f);
        }
    }

    private static void write(DataOutputStream d, float[][] m) throws IOException {
        d.writeInt(m.length);
        for (float[] row : m) {
            write(d, row);
        }
    }

    private static float[] readVector(DataInputStream d) throws IOException {
        float[] v = new float[d.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.readFloat();
        }
        return v;
    }

    private static float[][] readMatrix(DataInputStream d) throws IOException {
        float[][] m = new float[d.readInt()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = readVector(d);
        }
        return m;
    }

    /**
     * The largest difference between two models' numbers (weights, calibration, thresholds), or infinity when they
     * differ in kind or shape: the shipped model must be the one its corpus trains, within float noise.
     */
    static double distance(MoveModel a, MoveModel b) {
        if (a.kind != b.kind || a.rules != b.rules || a.scorer.getClass() != b.scorer.getClass()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int r = 0; r < ROWS; r++) {
            max = Math.max(max, Math.abs(a.rows[r].a() - b.rows[r].a()));
            max = Math.max(max, Math.abs(a.rows[r].b() - b.rows[r].b()));
            max = Math.max(max, Math.abs(a.rows[r].threshold() - b.rows[r].threshold()));
            max = Math.max(max, Math.abs(a.rows[r].floor() - b.rows[r].floor()));
        }
        List<float[]> x = a.scorer.arrays();
        List<float[]> y = b.scorer.arrays();
        if (x.size() != y.size()) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).length != y.get(i).length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < x.get(i).length; j++) {
                max = Math.max(max, Math.abs(x.get(i)[j] - y.get(i)[j]));
            }
        }
        return max;
    }
}
