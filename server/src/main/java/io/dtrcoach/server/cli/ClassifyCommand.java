package io.dtrcoach.server.cli;

import io.dtrcoach.core.classify.ClassifierEvaluation;
import io.dtrcoach.core.classify.ExampleSetInvalid;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.classify.MovesJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code classify}: stdin lines to JSON lines of moves, or {@code --eval FILE} for precision/recall/F1. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Label rep lines with moves. Reads lines on stdin and prints one JSON line per input: "
                + "{\"text\": ..., \"moves\": [{\"label\": ..., \"confidence\": ...}]}.")
public final class ClassifyCommand implements Callable<Integer> {
    @Option(names = "--eval", paramLabel = "FILE",
            description = "Evaluate on a labelled TSV file (labels<TAB>text) and print per-label precision, "
                    + "recall, F1 and a confusion summary.")
    Path eval;

    @Option(names = "--misses", description = "With --eval, also list every misclassified line.")
    boolean misses;

    private final CliContext context;

    public ClassifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        MoveClassifier classifier = context.services().classifier();
        if (eval != null) {
            if (!Files.isRegularFile(eval)) {
                context.err().println(eval + ": no such file");
                return 2;
            }
            ClassifierEvaluation result;
            try {
                result = ClassifierEvaluation.run(classifier, eval);
            } catch (ExampleSetInvalid e) {
                context.err().println(e.getMessage()); // already "file:line: what is wrong"
                return 2;
            }
            out.print(result.format());
            if (misses) {
                out.print(result.formatMisses());
            }
            return 0;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            // one output line per input line, a blank one included, so the two can be read side by side
            out.println(MovesJson.classify(classifier, line.strip()));
            out.flush();
        }
        return 0;
    }
}
