package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints leave-one-writer-out figures for several values of {@link MoveModel#SENTENCE_PRESSURE_MARGIN} (how much
 * stronger one sentence's pressure must be than the whole turn's to count on its own), from one run of the folds.
 * Run from the repository root (about half an hour on two cores):
 * {@code ./mvnw -B -q -pl core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dtrcoach.core.classify.SentencePressureMargin}
 */
public final class SentencePressureMargin {
    private SentencePressureMargin() {
    }

    public static void main(String[] args) {
        Corpus corpus = Corpus.load(Path.of(args.length > 0 ? args[0] : "core/corpus/moves"));
        WriterCrossValidation cv = WriterCrossValidation.shipped(TextEmbedder.create());
        float[][][] rows = WriterCrossValidation.featureRows(MoveFeatures.shipped(TextEmbedder.create()),
                corpus.lines(), 2);
        double[][][] logits = cv.foldRowLogits(corpus, rows);
        System.out.println("| sentence pressure margin (logits) | pressure | dtr_ask | permission_no | reflection | exact |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (double m : new double[] {0, 1, 2, 3, 4, 6, Double.POSITIVE_INFINITY}) {
            WriterCrossValidation.Result r = cv.decide(corpus, rows, WriterCrossValidation.combine(logits, m), false);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    Double.isInfinite(m) ? "whole turn only" : String.format(Locale.ROOT, "%.0f", m),
                    r.of("pressure").f1(), r.of("dtr_ask").f1(), r.of("permission_no").f1(),
                    r.of("reflection").f1(), r.exactMatch());
        }
    }
}
