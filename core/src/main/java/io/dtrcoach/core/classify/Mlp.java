package io.dtrcoach.core.classify;

import java.util.Random;

/**
 * One hidden layer (ReLU) under one logistic output per row: the non-linear alternative to {@link Logistic}, trained
 * the same deterministic way (standardised inputs, seeded initialisation and shuffle, Adam on mini-batches).
 */
final class Mlp implements RowScorer {
    private final float[] mean;
    private final float[] scale;
    private final float[][] w1; // [h][d+1]
    private final float[][] w2; // [rows][h+1]

    Mlp(float[] mean, float[] scale, float[][] w1, float[][] w2) {
        this.mean = mean;
        this.scale = scale;
        this.w1 = w1;
        this.w2 = w2;
    }

    static Mlp train(float[][] x, boolean[][] y, Logistic.Settings s, int hidden) {
        int n = x.length;
        int d = x[0].length;
        int rows = y[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        Logistic.standardise(x, mean, scale);
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        Random random = new Random(s.seed());
        double[][] a = new double[hidden][d + 1];
        double lim1 = Math.sqrt(6.0 / (d + hidden));
        for (double[] r : a) {
            for (int j = 0; j < d; j++) {
                r[j] = (random.nextDouble() * 2 - 1) * lim1;
            }
        }
        double[][] b = new double[rows][hidden + 1];
        double lim2 = Math.sqrt(6.0 / (hidden + rows));
        for (double[] r : b) {
            for (int j = 0; j < hidden; j++) {
                r[j] = (random.nextDouble() * 2 - 1) * lim2;
            }
        }
        Adam adamA = new Adam(hidden, d + 1);
        Adam adamB = new Adam(rows, hidden + 1);
        double[][] ga = new double[hidden][d + 1];
        double[][] gb = new double[rows][hidden + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] h = new double[hidden];
        double[] dh = new double[hidden];
        double[] err = new double[rows];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
            for (int start = 0; start < n; start += s.batch()) {
                int end = Math.min(n, start + s.batch());
                for (double[] g : ga) {
                    java.util.Arrays.fill(g, 0);
                }
                for (double[] g : gb) {
                    java.util.Arrays.fill(g, 0);
                }
                for (int q = start; q < end; q++) {
                    int i = order[q];
                    float[] xi = z[i];
                    for (int u = 0; u < hidden; u++) {
                        double[] au = a[u];
                        double acc = au[d];
                        for (int j = 0; j < d; j++) {
                            acc += au[j] * xi[j];
                        }
                        h[u] = acc > 0 ? acc : 0;
                    }
                    java.util.Arrays.fill(dh, 0);
                    for (int r = 0; r < rows; r++) {
                        double[] br = b[r];
                        double acc = br[hidden];
                        for (int u = 0; u < hidden; u++) {
                            acc += br[u] * h[u];
                        }
                        err[r] = Logistic.sigmoid(acc) - (y[i][r] ? 1 : 0);
                        double[] gr = gb[r];
                        for (int u = 0; u < hidden; u++) {
                            gr[u] += err[r] * h[u];
                            dh[u] += err[r] * br[u];
                        }
                        gr[hidden] += err[r];
                    }
                    for (int u = 0; u < hidden; u++) {
                        if (h[u] <= 0) {
                            continue;
                        }
                        double e = dh[u];
                        double[] gu = ga[u];
                        for (int j = 0; j < d; j++) {
                            gu[j] += e * xi[j];
                        }
                        gu[d] += e;
                    }
                }
                double size = end - start;
                adamA.step(a, ga, size, s);
                adamB.step(b, gb, size, s);
            }
        }
        return new Mlp(mean, scale, toFloat(a), toFloat(b));
    }

    private static float[][] toFloat(double[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (float) m[i][j];
            }
        }
        return out;
    }

    @Override
    public int rows() {
        return w2.length;
    }

    @Override
    public double[] logits(float[] x) {
        int d = mean.length;
        int hidden = w1.length;
        double[] h = new double[hidden];
        for (int u = 0; u < hidden; u++) {
            float[] au = w1[u];
            double acc = au[d];
            for (int j = 0; j < d; j++) {
                acc += au[j] * ((x[j] - mean[j]) * scale[j]);
            }
            h[u] = acc > 0 ? acc : 0;
        }
        double[] out = new double[w2.length];
        for (int r = 0; r < w2.length; r++) {
            float[] br = w2[r];
            double acc = br[hidden];
            for (int u = 0; u < hidden; u++) {
                acc += br[u] * h[u];
            }
            out[r] = acc;
        }
        return out;
    }

    /** Adam's moments for one weight matrix; weight decay on every weight but the bias (last column). */
    static final class Adam {
        private final double[][] m;
        private final double[][] v;
        private long t;

        Adam(int rows, int cols) {
            m = new double[rows][cols];
            v = new double[rows][cols];
        }

        void step(double[][] w, double[][] g, double size, Logistic.Settings s) {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int r = 0; r < w.length; r++) {
                int cols = w[r].length;
                for (int j = 0; j < cols; j++) {
                    double grad = g[r][j] / size + (j < cols - 1 ? s.l2() * w[r][j] : 0);
                    m[r][j] = 0.9 * m[r][j] + 0.1 * grad;
                    v[r][j] = 0.999 * v[r][j] + 0.001 * grad * grad;
                    w[r][j] -= s.rate() * (m[r][j] / c1) / (Math.sqrt(v[r][j] / c2) + 1e-8);
                }
            }
        }
    }
}
