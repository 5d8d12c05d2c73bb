package io.dtrcoach.core.classify;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One-vs-rest logistic regression over sentence embeddings, one weight vector per label plus one for "any
 * pressure". Trained when the classifier is built, by full-batch gradient descent from zero weights for a fixed
 * number of steps, so the same examples always give the same weights. Positive and negative examples of a label
 * weigh the same in total, since most labels hold a small share of the examples. Immutable.
 */
final class LinearProbe {
    static final int STEPS = 400;
    static final double RATE = 8.0;
    static final double L2 = 1e-3;

    private final MoveLabel[] labels;
    /** weights[label][0..d-1], bias at [d]; the last row is "any pressure". */
    private final double[][] weights;

    private LinearProbe(MoveLabel[] labels, double[][] weights) {
        this.labels = labels;
        this.weights = weights;
    }

    static LinearProbe train(float[][] x, List<Set<MoveLabel>> y) {
        MoveLabel[] labels = MoveLabel.values();
        int d = x[0].length;
        int n = x.length;
        int rows = labels.length + 1;
        boolean[][] positive = new boolean[rows][n];
        int[] positives = new int[rows];
        for (int l = 0; l < rows; l++) {
            for (int i = 0; i < n; i++) {
                positive[l][i] = l < labels.length ? y.get(i).contains(labels[l])
                        : y.get(i).stream().anyMatch(MoveLabel::isPressure);
                positives[l] += positive[l][i] ? 1 : 0;
            }
        }
        double[][] weights = new double[rows][];
        int[] trained = IntStream.range(0, rows).filter(l -> positives[l] > 0 && positives[l] < n).toArray();
        for (int l = 0; l < rows; l++) {
            if (positives[l] == 0 || positives[l] == n) {
                weights[l] = new double[d + 1];
                weights[l][d] = positives[l] == 0 ? -10 : 10;
            }
        }
        double[][] fitted = fit(x, trained, positive, positives, d);
        for (int a = 0; a < trained.length; a++) {
            weights[trained[a]] = fitted[a];
        }
        return new LinearProbe(labels, weights);
    }

    /**
     * Gradient descent for several labels at once: each label's sums run in the same order as if it were trained
     * alone (so the weights are the same to the last bit), but four labels' dot products are computed side by side,
     * which lets the CPU overlap four chains of additions instead of waiting on one.
     */
    private static double[][] fit(float[][] x, int[] trained, boolean[][] positive, int[] positives, int d) {
        int k = trained.length;
        int n = x.length;
        double[][] w = new double[k][d + 1];
        double[][] grad = new double[k][d + 1];
        double[] wPos = new double[k];
        double[] wNeg = new double[k];
        for (int a = 0; a < k; a++) {
            wPos[a] = 0.5 * n / positives[trained[a]];
            wNeg[a] = 0.5 * n / (n - positives[trained[a]]);
        }
        double[] z = new double[k];
        double[] xd = new double[d];
        for (int step = 0; step < STEPS; step++) {
            for (double[] g : grad) {
                Arrays.fill(g, 0);
            }
            for (int i = 0; i < n; i++) {
                float[] xi = x[i];
                for (int j = 0; j < d; j++) {
                    xd[j] = xi[j]; // exact: every float is a double
                }
                int a = 0;
                for (; a + 3 < k; a += 4) {
                    double[] w0 = w[a];
                    double[] w1 = w[a + 1];
                    double[] w2 = w[a + 2];
                    double[] w3 = w[a + 3];
                    double z0 = w0[d];
                    double z1 = w1[d];
                    double z2 = w2[d];
                    double z3 = w3[d];
                    for (int j = 0; j < d; j++) {
                        double xj = xd[j];
                        z0 += w0[j] * xj;
                        z1 += w1[j] * xj;
                        z2 += w2[j] * xj;
                        z3 += w3[j] * xj;
                    }
                    z[a] = z0;
                    z[a + 1] = z1;
                    z[a + 2] = z2;
                    z[a + 3] = z3;
                }
                for (; a < k; a++) {
                    double[] wa = w[a];
                    double za = wa[d];
                    for (int j = 0; j < d; j++) {
                        za += wa[j] * xd[j];
                    }
                    z[a] = za;
                }
                for (a = 0; a < k; a++) {
                    boolean yes = positive[trained[a]][i];
                    double p = 1 / (1 + Math.exp(-z[a]));
                    double err = (p - (yes ? 1 : 0)) * (yes ? wPos[a] : wNeg[a]);
                    double[] g = grad[a];
                    for (int j = 0; j < d; j++) {
                        g[j] += err * xd[j];
                    }
                    g[d] += err;
                }
            }
            for (int a = 0; a < k; a++) {
                for (int j = 0; j <= d; j++) {
                    double reg = j < d ? L2 * w[a][j] : 0;
                    w[a][j] -= RATE * (grad[a][j] / n + reg);
                }
            }
        }
        return w;
    }

    /** The weights of one label's regression, bias last; {@code labels().length} is "any pressure". For tests. */
    double[] weights(int row) {
        return weights[row].clone();
    }

    /** Probability per label that the embedded text carries it. */
    Map<MoveLabel, Double> probabilities(float[] v) {
        Map<MoveLabel, Double> out = new EnumMap<>(MoveLabel.class);
        for (int l = 0; l < labels.length; l++) {
            out.put(labels[l], sigmoid(weights[l], v));
        }
        return out;
    }

    /** Probability that the embedded text carries any kind of pressure. */
    double pressure(float[] v) {
        return sigmoid(weights[labels.length], v);
    }

    private static double sigmoid(double[] w, float[] v) {
        int d = v.length;
        double z = w[d];
        for (int j = 0; j < d; j++) {
            z += w[j] * v[j];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
