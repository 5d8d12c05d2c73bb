package io.dtrcoach.core.classify;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One-vs-rest logistic regression over sentence embeddings, one weight vector per label plus one for "any
 * pressure". Trained when the classifier is built, by full-batch gradient descent from zero weights for a fixed
 * number of steps, so the same examples always give the same weights. Positive and negative examples of a label
 * weigh the same in total, since most labels hold a small share of the examples. Immutable.
 */
final class LinearProbe {
    private static final int STEPS = 400;
    private static final double RATE = 8.0;
    private static final double L2 = 1e-3;

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
        double[][] weights = new double[labels.length + 1][];
        for (int l = 0; l <= labels.length; l++) {
            boolean[] positive = new boolean[x.length];
            int positives = 0;
            for (int i = 0; i < x.length; i++) {
                positive[i] = l < labels.length ? y.get(i).contains(labels[l])
                        : y.get(i).stream().anyMatch(MoveLabel::isPressure);
                positives += positive[i] ? 1 : 0;
            }
            weights[l] = fit(x, positive, positives, d);
        }
        return new LinearProbe(labels, weights);
    }

    private static double[] fit(float[][] x, boolean[] positive, int positives, int d) {
        double[] w = new double[d + 1];
        int n = x.length;
        if (positives == 0 || positives == n) {
            w[d] = positives == 0 ? -10 : 10;
            return w;
        }
        double wPos = 0.5 * n / positives;
        double wNeg = 0.5 * n / (n - positives);
        double[] grad = new double[d + 1];
        for (int step = 0; step < STEPS; step++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                double z = w[d];
                float[] xi = x[i];
                for (int j = 0; j < d; j++) {
                    z += w[j] * xi[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double err = (p - (positive[i] ? 1 : 0)) * (positive[i] ? wPos : wNeg);
                for (int j = 0; j < d; j++) {
                    grad[j] += err * xi[j];
                }
                grad[d] += err;
            }
            for (int j = 0; j <= d; j++) {
                double reg = j < d ? L2 * w[j] : 0;
                w[j] -= RATE * (grad[j] / n + reg);
            }
        }
        return w;
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
