package io.dtrcoach.core.scoring;

import java.util.List;

/**
 * One scored dimension.
 *
 * @param score       0–100, higher is better
 * @param weight      its weight in the overall score (the scenario's rubric, renormalised to sum to 1)
 * @param explanation one sentence saying why
 * @param evidence    the turns the score rests on, in turn order
 */
public record Dimension(int score, double weight, String explanation, List<Evidence> evidence) {
    public Dimension {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of 0..100: " + score);
        }
        if (explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("a dimension needs an explanation");
        }
        evidence = List.copyOf(evidence);
    }

    /** The same score and evidence, with its weight in the overall. */
    Dimension weighted(double w) {
        return new Dimension(score, w, explanation, evidence);
    }

    /** Before the rubric is applied. */
    Dimension(int score, String explanation, List<Evidence> evidence) {
        this(score, 0, explanation, evidence);
    }
}
