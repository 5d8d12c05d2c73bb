package io.dtrcoach.core.classify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe trains the labels side by side for speed; each label's weights must still be exactly those of a
 * logistic regression trained on that label alone, summed in the plain order (the classifier's outputs, and so
 * every score, depend on them to the last bit).
 */
class LinearProbeTest {
    @Test
    void should_give_every_label_the_weights_it_would_get_if_trained_alone() {
        // five labels in use (plus "any pressure"): not a multiple of the four trained side by side
        List<MoveLabel> used = List.of(MoveLabel.DTR_ASK, MoveLabel.PERMISSION_NO, MoveLabel.OPEN_QUESTION,
                MoveLabel.PRESSURE_ULTIMATUM, MoveLabel.PRESSURE_PEER);
        SplittableRandom random = new SplittableRandom(7);
        int n = 60;
        int d = 24;
        float[][] x = new float[n][d];
        List<Set<MoveLabel>> y = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            Set<MoveLabel> labels = EnumSet.noneOf(MoveLabel.class);
            labels.add(used.get(i % used.size()));
            if (random.nextInt(4) == 0) {
                labels.add(used.get(random.nextInt(used.size())));
            }
            y.add(labels);
        }

        LinearProbe probe = LinearProbe.train(x, y);

        MoveLabel[] all = MoveLabel.values();
        for (int l = 0; l <= all.length; l++) {
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = l < all.length ? y.get(i).contains(all[l])
                        : y.get(i).stream().anyMatch(MoveLabel::isPressure);
            }
            assertThat(probe.weights(l)).as(l < all.length ? all[l].id() : "any pressure")
                    .containsExactly(aloneReference(x, positive, d));
        }
    }

    /** One label's regression, the straightforward way: one dot product at a time. */
    private static double[] aloneReference(float[][] x, boolean[] positive, int d) {
        int n = x.length;
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        double[] w = new double[d + 1];
        if (positives == 0 || positives == n) {
            w[d] = positives == 0 ? -10 : 10;
            return w;
        }
        double wPos = 0.5 * n / positives;
        double wNeg = 0.5 * n / (n - positives);
        for (int step = 0; step < LinearProbe.STEPS; step++) {
            double[] grad = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double z = w[d];
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[i][j];
                }
                double err = (1 / (1 + Math.exp(-z)) - (positive[i] ? 1 : 0)) * (positive[i] ? wPos : wNeg);
                for (int j = 0; j < d; j++) {
                    grad[j] += err * x[i][j];
                }
                grad[d] += err;
            }
            for (int j = 0; j <= d; j++) {
                w[j] -= LinearProbe.RATE * (grad[j] / n + (j < d ? LinearProbe.L2 * w[j] : 0));
            }
        }
        return w;
    }
}
