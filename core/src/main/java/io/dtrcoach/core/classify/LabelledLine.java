package io.dtrcoach.core.classify;

import java.util.List;
import java.util.Objects;

/** One line of an example or evaluation file: the text and the move labels it carries. */
public record LabelledLine(List<String> labels, String text) {
    public LabelledLine {
        labels = List.copyOf(labels);
        Objects.requireNonNull(text, "text");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a labelled line needs at least one label: " + text);
        }
    }

    public boolean has(String label) {
        return labels.contains(label);
    }
}
