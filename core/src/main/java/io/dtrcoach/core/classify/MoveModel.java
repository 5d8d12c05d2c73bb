package io.dtrcoach.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    static final String FORMAT = "dtr-move-model/1";
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
    private final RowScorer logistic;
    private final Row[] rows;

    MoveModel(MoveFeatures.Kind kind, boolean rules, RowScorer logistic, Row[] rows) {
        if (logistic.rows() != ROWS || rows.length != ROWS) {
            throw new IllegalArgumentException("a move model has " + ROWS + " rows");
        }
        this.kind = kind;
        this.rules = rules;
        this.logistic = logistic;
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
        return logistic;
    }

    /** The highest logit per row over a turn's feature rows. */
    double[] maxLogits(float[][] featureRows) {
        double[] best = new double[ROWS];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        boolean wholeOnly = Boolean.getBoolean("dtr.whole");
        for (int k = wholeOnly ? featureRows.length - 1 : 0; k < featureRows.length; k++) {
            float[] x = featureRows[k];
            double[] z = logistic.logits(x);
            for (int r = 0; r < ROWS; r++) {
                best[r] = Math.max(best[r], z[r]);
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
        boolean gate = Boolean.getBoolean("dtr.gate");
        boolean anyPressure = p[ANY_PRESSURE] >= rows[ANY_PRESSURE].threshold();
        for (MoveLabel l : LABELS) {
            int r = l.ordinal();
            if (l != MoveLabel.OTHER && p[r] >= rows[r].threshold() && !(gate && l.isPressure() && !anyPressure)) {
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

    /** The model in its text form: every float written exactly (Float.toString reads back to the same bits). */
    public void write(Writer out) throws IOException {
        if (!(logistic instanceof Logistic lr)) {
            throw new IllegalStateException("only a logistic model can be written");
        }
        int d = lr.dimension();
        out.write(FORMAT + "\n");
        out.write("features " + kind.name() + (rules ? " rules" : " no-rules") + " " + d + "\n");
        out.write("mean" + floats(lr.mean()) + "\n");
        out.write("scale" + floats(lr.scale()) + "\n");
        for (int r = 0; r < ROWS; r++) {
            Row row = rows[r];
            out.write("row " + rowName(r) + " " + row.a() + " " + row.b() + " " + row.threshold() + " " + row.floor()
                    + floats(lr.weights(r)) + "\n");
        }
    }

    static String rowName(int r) {
        return r == ANY_PRESSURE ? MoveLabel.PRESSURE : LABELS[r].id();
    }

    private static String floats(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 12);
        for (float f : v) {
            b.append(' ').append(Float.toString(f));
        }
        return b.toString();
    }

    public static MoveModel read(InputStream in, String source) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String format = r.readLine();
            if (!FORMAT.equals(format)) {
                throw new ExampleSetInvalid(source + ":1: not a move model (expected " + FORMAT + ")");
            }
            String[] features = r.readLine().split(" ");
            MoveFeatures.Kind kind = MoveFeatures.Kind.valueOf(features[1]);
            boolean rules = features[2].equals("rules");
            int d = Integer.parseInt(features[3]);
            float[] mean = parse(r.readLine(), "mean", d, source);
            float[] scale = parse(r.readLine(), "scale", d, source);
            float[][] weights = new float[ROWS][];
            Row[] rows = new Row[ROWS];
            for (int row = 0; row < ROWS; row++) {
                String[] parts = r.readLine().split(" ", 7);
                if (!parts[0].equals("row") || !parts[1].equals(rowName(row))) {
                    throw new ExampleSetInvalid(source + ":" + (row + 5) + ": expected the row of " + rowName(row));
                }
                rows[row] = new Row(Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                        Double.parseDouble(parts[4]), Double.parseDouble(parts[5]));
                weights[row] = parse("w " + parts[6], "w", d + 1, source);
            }
            return new MoveModel(kind, rules, new Logistic(mean, scale, weights), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static float[] parse(String line, String key, int n, String source) {
        String[] parts = line.split(" ");
        if (!parts[0].equals(key) || parts.length != n + 1) {
            throw new ExampleSetInvalid(source + ": expected '" + key + "' with " + n + " numbers");
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Float.parseFloat(parts[i + 1]);
        }
        return out;
    }
}
