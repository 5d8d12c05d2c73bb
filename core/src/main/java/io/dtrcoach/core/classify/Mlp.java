package io.dtrcoach.core.classify;

import java.util.List;
import java.util.Random;

/**
 * One hidden layer (ReLU) under one logistic output per row: the non-linear alternative to {@link Logistic}, trained
 * the same deterministic way (standardised inputs, seeded initialisation and shuffle, Adam on mini-batches, weight
 * decay). Weights are stored input-major ({@code hidden[j][u]}: input j to unit u), so that every inner loop of
 * training and scoring runs along contiguous floats with no dependency between steps, which the JIT compiles to
 * vector instructions; sums run in a fixed order, so the same data gives the same weights to the last bit.
 */
final class Mlp implements RowScorer {
    private final float[] mean;
    private final float[] scale;
    /** [d + 1][units]: row d is the bias. */
    private final float[][] w1;
    /** [units + 1][rows]: row units is the bias. */
    private final float[][] w2;

    Mlp(float[] mean, float[] scale, float[][] w1, float[][] w2) {
        this.mean = mean;
        this.scale = scale;
        this.w1 = w1;
        this.w2 = w2;
    }

    float[] mean() {
        return mean;
    }

    float[] scale() {
        return scale;
    }

    float[][] hidden() {
        return w1;
    }

    float[][] output() {
        return w2;
    }

    @Override
    public int rows() {
        return w2[0].length;
    }

    @Override
    public List<float[]> arrays() {
        java.util.List<float[]> out = new java.util.ArrayList<>(java.util.List.of(mean, scale));
        out.addAll(java.util.List.of(w1));
        out.addAll(java.util.List.of(w2));
        return out;
    }

    static Mlp train(float[][] x, boolean[][] y, Logistic.Settings s, int units) {
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
        float[][] a = new float[d + 1][units];
        double lim1 = Math.sqrt(6.0 / (d + units));
        for (int j = 0; j < d; j++) {
            for (int u = 0; u < units; u++) {
                a[j][u] = (float) ((random.nextDouble() * 2 - 1) * lim1);
            }
        }
        float[][] b = new float[units + 1][rows];
        double lim2 = Math.sqrt(6.0 / (units + rows));
        for (int u = 0; u < units; u++) {
            for (int r = 0; r < rows; r++) {
                b[u][r] = (float) ((random.nextDouble() * 2 - 1) * lim2);
            }
        }
        Adam adamA = new Adam(d + 1, units);
        Adam adamB = new Adam(units + 1, rows);
        float[][] ga = new float[d + 1][units];
        float[][] gb = new float[units + 1][rows];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] h = new float[units];
        float[] dh = new float[units];
        float[] out = new float[rows];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
            for (int start = 0; start < n; start += s.batch()) {
                int end = Math.min(n, start + s.batch());
                for (float[] g : ga) {
                    java.util.Arrays.fill(g, 0f);
                }
                for (float[] g : gb) {
                    java.util.Arrays.fill(g, 0f);
                }
                for (int q = start; q < end; q++) {
                    int i = order[q];
                    float[] zi = z[i];
                    forward(zi, a, b, h, out);
                    for (int r = 0; r < rows; r++) {
                        out[r] = (float) Logistic.sigmoid(out[r]) - (y[i][r] ? 1f : 0f);
                    }
                    java.util.Arrays.fill(dh, 0f);
                    for (int u = 0; u < units; u++) {
                        float hu = h[u];
                        float[] gbu = gb[u];
                        float[] bu = b[u];
                        float back = 0;
                        for (int r = 0; r < rows; r++) {
                            gbu[r] += out[r] * hu;
                            back += out[r] * bu[r];
                        }
                        dh[u] = hu > 0 ? back : 0f;
                    }
                    float[] gbias = gb[units];
                    for (int r = 0; r < rows; r++) {
                        gbias[r] += out[r];
                    }
                    for (int j = 0; j < d; j++) {
                        float zj = zi[j];
                        if (zj == 0f) {
                            continue;
                        }
                        float[] gaj = ga[j];
                        for (int u = 0; u < units; u++) {
                            gaj[u] += zj * dh[u];
                        }
                    }
                    float[] gabias = ga[d];
                    for (int u = 0; u < units; u++) {
                        gabias[u] += dh[u];
                    }
                }
                float size = end - start;
                adamA.step(a, ga, size, s, d);
                adamB.step(b, gb, size, s, units);
            }
        }
        return new Mlp(mean, scale, a, b);
    }

    /** Hidden activations into {@code h}, output logits into {@code out}, for a standardised input. */
    private static void forward(float[] zi, float[][] a, float[][] b, float[] h, float[] out) {
        int d = zi.length;
        int units = h.length;
        System.arraycopy(a[d], 0, h, 0, units);
        for (int j = 0; j < d; j++) {
            float zj = zi[j];
            if (zj == 0f) {
                continue;
            }
            float[] aj = a[j];
            for (int u = 0; u < units; u++) {
                h[u] += zj * aj[u];
            }
        }
        for (int u = 0; u < units; u++) {
            h[u] = Math.max(h[u], 0f);
        }
        int rows = out.length;
        System.arraycopy(b[units], 0, out, 0, rows);
        for (int u = 0; u < units; u++) {
            float hu = h[u];
            if (hu == 0f) {
                continue;
            }
            float[] bu = b[u];
            for (int r = 0; r < rows; r++) {
                out[r] += hu * bu[r];
            }
        }
    }

    @Override
    public double[] logits(float[] x) {
        int d = mean.length;
        float[] zx = new float[d];
        for (int j = 0; j < d; j++) {
            zx[j] = (x[j] - mean[j]) * scale[j];
        }
        float[] h = new float[w1[0].length];
        float[] out = new float[w2[0].length];
        forward(zx, w1, w2, h, out);
        double[] logits = new double[out.length];
        for (int r = 0; r < out.length; r++) {
            logits[r] = out[r];
        }
        return logits;
    }

    /** Adam's moments for one weight matrix; weight decay on every row but the last (the biases). */
    static final class Adam {
        private final float[][] m;
        private final float[][] v;
        private long t;

        Adam(int rows, int cols) {
            m = new float[rows][cols];
            v = new float[rows][cols];
        }

        void step(float[][] w, float[][] g, float size, Logistic.Settings s, int biasRow) {
            t++;
            float c1 = (float) (1 - StrictMath.pow(0.9, t));
            float c2 = (float) (1 - StrictMath.pow(0.999, t));
            float rate = (float) s.rate();
            float l2 = (float) s.l2();
            for (int r = 0; r < w.length; r++) {
                float[] wr = w[r];
                float[] gr = g[r];
                float[] mr = m[r];
                float[] vr = v[r];
                float decay = r == biasRow ? 0f : l2;
                for (int j = 0; j < wr.length; j++) {
                    float grad = gr[j] / size + decay * wr[j];
                    mr[j] = 0.9f * mr[j] + 0.1f * grad;
                    vr[j] = 0.999f * vr[j] + 0.001f * grad * grad;
                    wr[j] -= rate * (mr[j] / c1) / ((float) Math.sqrt(vr[j] / c2) + 1e-8f);
                }
            }
        }
    }
}
