package io.dtrcoach.core.classify;

/** One move the rep made in a line, with the classifier's confidence in [0, 1]. */
public record Move(String label, double confidence) {
    public boolean isPressure() {
        return label.startsWith("pressure.");
    }
}
