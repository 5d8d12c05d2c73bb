package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the comparison behind the shipped move model (docs/classifier.md): leave-one-writer-out F1 of each feature
 * set and model over the corpus, thresholds chosen without the held-out writer, as the build's gate measures the
 * shipped one. A program, not a test: about half an hour on two cores.
 *
 * <pre>./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dtrcoach.core.classify.ClassifierComparison</pre>
 */
public final class ClassifierComparison {
    private record Candidate(String name, MoveFeatures.Kind kind, boolean rules, Logistic.Settings settings) {
    }

    private ClassifierComparison() {
    }

    public static void main(String[] args) {
        Corpus corpus = Corpus.load(Path.of(args.length > 0 ? args[0] : "core/corpus/moves"));
        TextEmbedder embedder = TextEmbedder.create();
        Logistic.Settings mlp = Logistic.Settings.SHIPPED;
        Logistic.Settings one = new Logistic.Settings(mlp.epochs(), mlp.batch(), mlp.rate(), mlp.l2(), mlp.seed(),
                mlp.hidden(), 1);
        List<Candidate> candidates = List.of(
                new Candidate("logistic, early-layer + sentence vectors + phrase rules",
                        MoveFeatures.Kind.EARLY_AND_LAST, true, Logistic.Settings.LOGISTIC),
                new Candidate("logistic, every layer's mean + phrase rules", MoveFeatures.Kind.ALL_LAYERS, true,
                        Logistic.Settings.LOGISTIC),
                new Candidate("MLP (512), early-layer + sentence vectors + phrase rules",
                        MoveFeatures.Kind.EARLY_AND_LAST, true, one),
                new Candidate("MLP (512), every layer's mean + phrase rules", MoveFeatures.Kind.ALL_LAYERS, true, one),
                new Candidate(mlp.members() + " x MLP (512), every layer's mean + phrase rules",
                        MoveFeatures.Kind.ALL_LAYERS, true, mlp),
                new Candidate("shipped: " + mlp.members() + " x MLP (512), first three layers' means + phrase rules",
                        MoveFeatures.Kind.FIRST_THREE_LAYERS, true, mlp));
        System.out.println("| model and features | pressure | dtr_ask | permission_no | reflection | exact match |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Candidate c : candidates) {
            WriterCrossValidation.Result r = new WriterCrossValidation(new MoveFeatures(embedder, c.kind(), c.rules()),
                    c.settings(), 2).run(corpus);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", c.name(),
                    r.of("pressure").f1(), r.of("dtr_ask").f1(), r.of("permission_no").f1(), r.of("reflection").f1(),
                    r.exactMatch());
        }
    }
}
