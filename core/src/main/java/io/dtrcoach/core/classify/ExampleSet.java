package io.dtrcoach.core.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled rep lines: the shipped examples the classifier compares against, and the source of "a better way to
 * say it" in coaching. File format, one line each: {@code labels<TAB>text}, labels comma-separated, {@code #}
 * starts a comment line, blank lines are skipped. Immutable.
 */
public final class ExampleSet {
    /** Classpath location of the shipped example set. */
    public static final String SHIPPED = "/io/dtrcoach/core/classify/examples.tsv";

    private final List<LabelledLine> lines;

    private ExampleSet(List<LabelledLine> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The example set shipped with the product. */
    public static ExampleSet shipped() {
        try (InputStream in = ExampleSet.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new ExampleSetInvalid("missing resource " + SHIPPED);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "examples.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ExampleSet load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the TSV format; {@code source} names the input in error messages ({@code source:line: …}). */
    public static ExampleSet parse(Reader reader, String source) throws IOException {
        List<LabelledLine> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String raw;
        int number = 0;
        while ((raw = in.readLine()) != null) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = raw.indexOf('\t');
            if (tab < 0) {
                throw new ExampleSetInvalid(source + ":" + number + ": expected labels<TAB>text");
            }
            String text = raw.substring(tab + 1).strip();
            if (text.isEmpty()) {
                throw new ExampleSetInvalid(source + ":" + number + ": empty text");
            }
            List<String> labels = new ArrayList<>();
            for (String label : raw.substring(0, tab).split(",")) {
                String id = label.strip();
                if (MoveLabel.fromId(id).isEmpty()) {
                    throw new ExampleSetInvalid(source + ":" + number + ": unknown label '" + id + "'");
                }
                if (!labels.contains(id)) {
                    labels.add(id);
                }
            }
            out.add(new LabelledLine(labels, text));
        }
        return new ExampleSet(out);
    }

    /**
     * Lines given per label, as scenario files carry them under {@code classifier_examples:}. A line listed under
     * several labels becomes one example carrying all of them.
     */
    public static ExampleSet of(Map<String, List<String>> labelToLines) {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        labelToLines.forEach((label, texts) -> {
            if (MoveLabel.fromId(label).isEmpty()) {
                throw new ExampleSetInvalid("unknown label '" + label + "' (known: "
                        + Arrays.stream(MoveLabel.values()).map(MoveLabel::id).toList() + ")");
            }
            for (String text : texts) {
                String t = text.strip();
                if (t.isEmpty()) {
                    throw new ExampleSetInvalid("empty example line under '" + label + "'");
                }
                List<String> labels = byText.computeIfAbsent(t, k -> new ArrayList<>());
                if (!labels.contains(label)) {
                    labels.add(label);
                }
            }
        });
        List<LabelledLine> out = new ArrayList<>();
        byText.forEach((text, labels) -> out.add(new LabelledLine(labels, text)));
        return new ExampleSet(out);
    }

    public static ExampleSet ofLines(List<LabelledLine> lines) {
        return new ExampleSet(lines);
    }

    public List<LabelledLine> lines() {
        return lines;
    }

    /** The texts carrying the label, in file order; empty for a label with no examples. */
    public List<String> linesFor(String label) {
        return lines.stream().filter(l -> l.has(label)).map(LabelledLine::text).toList();
    }

    public ExampleSet plus(ExampleSet more) {
        List<LabelledLine> all = new ArrayList<>(lines);
        all.addAll(more.lines);
        return new ExampleSet(all);
    }

    public int size() {
        return lines.size();
    }
}
