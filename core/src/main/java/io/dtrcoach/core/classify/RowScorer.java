package io.dtrcoach.core.classify;

/** A trained model's raw score (logit) per output row for one feature row. */
interface RowScorer {
    double[] logits(float[] x);

    int rows();

    /** Every trained number, for comparing two models. */
    java.util.List<float[]> arrays();

    /** Trains the model the settings name: {@link Logistic} or, with hidden units, {@link Mlp}. */
    static RowScorer train(float[][] x, boolean[][] y, Logistic.Settings s) {
        return s.hidden() > 0 ? Mlp.train(x, y, s, s.hidden()) : Logistic.train(x, y, s);
    }
}
