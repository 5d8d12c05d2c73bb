package io.dtrcoach.core.classify;

/**
 * One move the rep made in a line, with the classifier's calibrated confidence in [0, 1]. An {@code unsure} move
 * cleared the label's decision threshold but not its confidence floor: it is shown as unsure and weighs less in
 * scoring.
 */
public record Move(String label, double confidence, boolean unsure) {
    public Move(String label, double confidence) {
        this(label, confidence, false);
    }

    public boolean isPressure() {
        return MoveLabel.isPressure(label);
    }

    /** How much the move counts in scoring: 1 when sure, {@value #UNSURE_WEIGHT} when unsure. */
    public double weight() {
        return unsure ? UNSURE_WEIGHT : 1.0;
    }

    public static final double UNSURE_WEIGHT = 0.5;
}
