package io.dtrcoach.core.classify;

/** A trained model's raw score (logit) per output row for one feature row. */
interface RowScorer {
    double[] logits(float[] x);

    int rows();

    /** Every trained number, for comparing two models. */
    java.util.List<float[]> arrays();

    /**
     * Trains the model the settings name: {@link Logistic} or, with hidden units, {@link Mlp}; with several members,
     * an {@link Ensemble} of them from consecutive seeds.
     */
    static RowScorer train(float[][] x, boolean[][] y, Logistic.Settings s) {
        if (s.members() > 1) {
            java.util.List<RowScorer> members = new java.util.ArrayList<>();
            for (int k = 0; k < s.members(); k++) {
                Logistic.Settings one = new Logistic.Settings(s.epochs(), s.batch(), s.rate(), s.l2(), s.seed() + k,
                        s.hidden(), 1);
                members.add(train(x, y, one));
            }
            return new Ensemble(members);
        }
        return s.hidden() > 0 ? Mlp.train(x, y, s, s.hidden()) : Logistic.train(x, y, s);
    }
}
