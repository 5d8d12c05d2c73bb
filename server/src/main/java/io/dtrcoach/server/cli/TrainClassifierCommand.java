package io.dtrcoach.server.cli;

import io.dtrcoach.core.classify.Corpus;
import io.dtrcoach.core.classify.ExampleSetInvalid;
import io.dtrcoach.core.classify.WriterCrossValidation;
import io.dtrcoach.core.embed.TextEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code train-classifier}: trains the move model from the corpus by leave-one-writer-out cross-validation, prints
 * the figures on writers each model never saw, and writes the model the product ships.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train the move classifier from a corpus folder of <writer>.tsv files: print "
                + "leave-one-writer-out precision, recall and F1 per move, and write the model file.")
public final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--corpus", required = true, paramLabel = "DIR",
            description = "the corpus folder (the project's is core/corpus/moves)")
    Path corpus;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write the model (the shipped one is "
                    + "core/src/main/resources/io/dtrcoach/core/classify/move-model.bin.gz); none: figures only")
    Path out;

    private final CliContext context;

    public TrainClassifierCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream print = context.out();
        if (!Files.isDirectory(corpus)) {
            context.err().println(corpus + ": no such folder");
            return 2;
        }
        Corpus lines;
        try {
            lines = Corpus.load(corpus);
        } catch (ExampleSetInvalid e) {
            context.err().println(e.getMessage()); // already "file:line: what is wrong"
            return 2;
        }
        print.printf("%d lines from %d writers; training %d models (one per held-out writer, one on all)…%n",
                lines.size(), lines.writers().size(), lines.writers().size() + 1);
        WriterCrossValidation.Result result = WriterCrossValidation.shipped(TextEmbedder.create()).run(lines);
        print.print(result.table());
        print.println();
        print.println("pressure F1 per held-out writer:");
        result.pressureByWriter().forEach((w, f) -> print.printf("  %s  %.3f%n", w, f.f1()));
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                result.model().write(o);
            }
            print.println("wrote " + out);
        }
        return 0;
    }
}
