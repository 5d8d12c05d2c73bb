package io.dtrcoach.core.classify;

import java.util.ArrayList;
import java.util.List;

/** Several models trained alike from different seeds; a row's logit is their mean. */
final class Ensemble implements RowScorer {
    private final List<RowScorer> members;

    Ensemble(List<RowScorer> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs a member");
        }
        this.members = List.copyOf(members);
    }

    List<RowScorer> members() {
        return members;
    }

    @Override
    public double[] logits(float[] x) {
        double[] sum = new double[rows()];
        for (RowScorer m : members) {
            double[] z = m.logits(x);
            for (int r = 0; r < sum.length; r++) {
                sum[r] += z[r];
            }
        }
        for (int r = 0; r < sum.length; r++) {
            sum[r] /= members.size();
        }
        return sum;
    }

    @Override
    public int rows() {
        return members.get(0).rows();
    }

    @Override
    public List<float[]> arrays() {
        List<float[]> out = new ArrayList<>();
        members.forEach(m -> out.addAll(m.arrays()));
        return out;
    }
}
