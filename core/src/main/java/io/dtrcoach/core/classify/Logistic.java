package io.dtrcoach.core.classify;

import java.util.Random;

/**
 * Several logistic regressions over the same features, trained side by side: standardised inputs, cross-entropy
 * with L2 weight decay, Adam on mini-batches. Deterministic: zero initial weights, a seeded shuffle, sums in a fixed
 * order, so the same data always gives the same weights to the last bit. Immutable once trained.
 */
final class Logistic implements RowScorer {
    /** How training runs; the defaults were chosen by leave-one-writer-out cross-validation (docs/classifier.md). */
    record Settings(int epochs, int batch, double rate, double l2, long seed, int hidden, int members) {
        /** A plain logistic regression. */
        static final Settings LOGISTIC = new Settings(12, 64, 0.003, 1e-3, 20261207L, 0, 1);
        /** What the shipped model is trained with: three networks of one hidden layer of 512 units, averaged. */
        static final Settings SHIPPED = new Settings(10, 64, 0.001, 1e-3, 20261207L, 512, 3);
    }

    private final float[] mean;
    private final float[] scale;
    /** weights[row][0..d-1], bias at [d]. */
    private final float[][] weights;

    Logistic(float[] mean, float[] scale, float[][] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    @Override
    public int rows() {
        return weights.length;
    }

    int dimension() {
        return mean.length;
    }

    float[] mean() {
        return mean;
    }

    float[] scale() {
        return scale;
    }

    @Override
    public java.util.List<float[]> arrays() {
        java.util.List<float[]> out = new java.util.ArrayList<>(java.util.List.of(mean, scale));
        out.addAll(java.util.List.of(weights));
        return out;
    }

    float[] weights(int row) {
        return weights[row];
    }

    /** @param y y[i][row]: whether example i is a positive of that row */
    static Logistic train(float[][] x, boolean[][] y, Settings s) {
        int n = x.length;
        int d = x[0].length;
        int rows = y[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        standardise(x, mean, scale);
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        double[][] w = new double[rows][d + 1];
        double[][] m = new double[rows][d + 1];
        double[][] v = new double[rows][d + 1];
        double[][] g = new double[rows][d + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(s.seed());
        double b1 = 0.9;
        double b2 = 0.999;
        long t = 0;
        double[] logit = new double[rows];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
            for (int start = 0; start < n; start += s.batch()) {
                int end = Math.min(n, start + s.batch());
                for (double[] gr : g) {
                    java.util.Arrays.fill(gr, 0);
                }
                for (int b = start; b < end; b++) {
                    int i = order[b];
                    float[] xi = z[i];
                    for (int r = 0; r < rows; r++) {
                        double[] wr = w[r];
                        double acc = wr[d];
                        for (int j = 0; j < d; j++) {
                            acc += wr[j] * xi[j];
                        }
                        logit[r] = acc;
                    }
                    for (int r = 0; r < rows; r++) {
                        double err = sigmoid(logit[r]) - (y[i][r] ? 1 : 0);
                        double[] gr = g[r];
                        for (int j = 0; j < d; j++) {
                            gr[j] += err * xi[j];
                        }
                        gr[d] += err;
                    }
                }
                t++;
                double size = end - start;
                double c1 = 1 - StrictMath.pow(b1, t);
                double c2 = 1 - StrictMath.pow(b2, t);
                for (int r = 0; r < rows; r++) {
                    double[] wr = w[r];
                    double[] mr = m[r];
                    double[] vr = v[r];
                    double[] gr = g[r];
                    for (int j = 0; j <= d; j++) {
                        double grad = gr[j] / size + (j < d ? s.l2() * wr[j] : 0);
                        mr[j] = b1 * mr[j] + (1 - b1) * grad;
                        vr[j] = b2 * vr[j] + (1 - b2) * grad * grad;
                        wr[j] -= s.rate() * (mr[j] / c1) / (Math.sqrt(vr[j] / c2) + 1e-8);
                    }
                }
            }
        }
        float[][] out = new float[rows][d + 1];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j <= d; j++) {
                out[r][j] = (float) w[r][j];
            }
        }
        return new Logistic(mean, scale, out);
    }

    static void standardise(float[][] x, float[] mean, float[] scale) {
        int n = x.length;
        int d = mean.length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] xi : x) {
            for (int j = 0; j < d; j++) {
                sum[j] += xi[j];
                sq[j] += (double) xi[j] * xi[j];
            }
        }
        for (int j = 0; j < d; j++) {
            double mu = sum[j] / n;
            double var = Math.max(0, sq[j] / n - mu * mu);
            mean[j] = (float) mu;
            scale[j] = var < 1e-12 ? 0f : (float) (1 / Math.sqrt(var));
        }
    }

    /** The raw scores (logits) of every row for one feature row. */
    @Override
    public double[] logits(float[] x) {
        int d = mean.length;
        double[] out = new double[weights.length];
        float[] zx = new float[d];
        for (int j = 0; j < d; j++) {
            zx[j] = (x[j] - mean[j]) * scale[j];
        }
        for (int r = 0; r < weights.length; r++) {
            float[] wr = weights[r];
            double acc = wr[d];
            for (int j = 0; j < d; j++) {
                acc += wr[j] * zx[j];
            }
            out[r] = acc;
        }
        return out;
    }

    /** StrictMath, so that training gives the same bits on any CPU. */
    static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }
}
