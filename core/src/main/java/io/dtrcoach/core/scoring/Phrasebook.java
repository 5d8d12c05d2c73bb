package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.LabelledLine;
import io.dtrcoach.core.classify.MoveLabel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Good rep lines by move label, for coaching ("say it like this instead"). A functional interface so that the
 * classifier's labelled examples fit as they are: {@code Phrasebook book = exampleSet::linesFor;}.
 * Only the constructive labels are ever asked for ({@code dtr_ask}, {@code permission_no}, {@code open_question},
 * {@code summary}, {@code next_step}, {@code decision_process}).
 */
@FunctionalInterface
public interface Phrasebook {
    /** Lines that make this move; empty when the book has none. */
    List<String> linesFor(String label);

    /** The lines shipped with the scorer, from the research notes (Sandler, Voss, MEDDPICC, Rackham). */
    static Phrasebook builtIn() {
        return BuiltInPhrases.BOOK;
    }

    /**
     * The classifier's labelled examples as a phrasebook, leaving out any line that also carries a
     * {@code pressure.*} label (a suggestion must never coerce) and any line that names someone ("Sam, where are
     * we…"), which would read oddly said to another prospect. Indexed once: scoring asks for lines at the end of
     * every conversation, and filtering all the examples each time was 8 % of the server's CPU under load.
     */
    static Phrasebook fromExamples(ExampleSet examples) {
        Map<String, List<String>> byLabel = new HashMap<>();
        for (LabelledLine l : examples.lines()) {
            if (l.labels().stream().anyMatch(MoveLabel::isPressure) || Names.mentionsSomeone(l.text())) {
                continue;
            }
            for (String label : new LinkedHashSet<>(l.labels())) {
                byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(l.text());
            }
        }
        byLabel.replaceAll((label, lines) -> List.copyOf(lines));
        return of(byLabel);
    }

    static Phrasebook of(Map<String, List<String>> linesByLabel) {
        Map<String, List<String>> copy = Map.copyOf(linesByLabel);
        return label -> copy.getOrDefault(label, List.of());
    }

    /** This book's lines, then the other's, without duplicates. */
    default Phrasebook and(Phrasebook other) {
        return label -> {
            LinkedHashSet<String> lines = new LinkedHashSet<>(linesFor(label));
            lines.addAll(other.linesFor(label));
            return new ArrayList<>(lines);
        };
    }

    /** This book's lines, or the fallback's when this one has none for the label. */
    default Phrasebook orElse(Phrasebook fallback) {
        return label -> {
            List<String> lines = linesFor(label);
            return lines.isEmpty() ? fallback.linesFor(label) : lines;
        };
    }
}
