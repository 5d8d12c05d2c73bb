package io.dtrcoach.core.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled rep lines the move classifier learns from: one file per independent writer
 * ({@code core/corpus/moves/<writer>.tsv}, the format of {@link ExampleSet}), each line kept with its writer so that
 * the model can be judged on writers it never saw ({@link WriterCrossValidation}). Immutable.
 */
public final class Corpus {
    /** One labelled line and who wrote it. */
    public record Line(String writer, String text, Set<MoveLabel> labels) {
        public Line {
            labels = Set.copyOf(labels);
        }

        public boolean has(MoveLabel label) {
            return labels.contains(label);
        }

        public boolean hasPressure() {
            return labels.stream().anyMatch(MoveLabel::isPressure);
        }
    }

    private final List<Line> lines;

    public Corpus(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Every {@code *.tsv} in the folder, in file-name order; the writer is the file name without {@code .tsv}. */
    public static Corpus load(Path dir) {
        List<Line> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
                String writer = f.getFileName().toString().replaceFirst("\\.tsv$", "");
                for (LabelledLine l : ExampleSet.load(f).lines()) {
                    Set<MoveLabel> labels = EnumSet.noneOf(MoveLabel.class);
                    l.labels().forEach(id -> labels.add(MoveLabel.fromId(id).orElseThrow()));
                    out.add(new Line(writer, l.text(), labels));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus in " + dir, e);
        }
        if (out.isEmpty()) {
            throw new ExampleSetInvalid(dir + ": no labelled lines (expected <writer>.tsv files)");
        }
        return new Corpus(out);
    }

    public List<Line> lines() {
        return lines;
    }

    public int size() {
        return lines.size();
    }

    /** The writers, in file order. */
    public List<String> writers() {
        Set<String> out = new LinkedHashSet<>();
        lines.forEach(l -> out.add(l.writer()));
        return List.copyOf(out);
    }

    /** The lines as an example set (labels by id), e.g. for coaching's phrasebook. */
    public ExampleSet examples() {
        List<LabelledLine> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(new LabelledLine(l.labels().stream().sorted().map(MoveLabel::id).toList(), l.text()));
        }
        return ExampleSet.ofLines(out);
    }
}
