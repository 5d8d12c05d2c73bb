package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints the classifier's single-thread throughput and per-utterance latency over the evaluation lines, as written.
 * The classifier's embedder has no cache, so every sentence of every timed line runs the model, as a line a rep has
 * just typed does; the figures never include a cache hit. Arguments: [rounds, default 10] [TSV file, default the
 * eval set on the test classpath]. It also prints a yardstick, one fixed sentence's sentence embedding (the whole
 * model, as in every earlier run of this program) computed 20 times after each round and not counted in the figures,
 * so that runs on a machine whose speed varies can be compared.
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile
 * java -cp core/target/test-classes:core/target/classes:$(deps) io.dtrcoach.core.classify.ClassifierBenchmark
 * </pre>
 */
public final class ClassifierBenchmark {
    private static final String YARDSTICK = "Can we talk about where this is going for your team this quarter?";

    private ClassifierBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = Arrays.asList(args);
        int rounds = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 10;
        ExampleSet set = rest.size() > 1 ? ExampleSet.load(Path.of(rest.get(1))) : evalSet();
        List<String> lines = set.lines().stream().map(LabelledLine::text).toList();

        long loadStart = System.nanoTime();
        TextEmbedder embedder = TextEmbedder.uncached();
        System.out.println("ONNX sessions: as shipped (one thread, no spinning); the classifier reads the first three layers "
                + "of one pass per sentence, then the trained move model");
        MoveModel model = TrainedMoveClassifier.shippedModel();
        TrainedMoveClassifier classifier = new TrainedMoveClassifier(MoveFeatures.shipped(embedder), model);
        System.out.printf(Locale.ROOT, "model loaded in %d ms%n", (System.nanoTime() - loadStart) / 1_000_000);

        long sink = 0;
        for (int w = 0; w < 3; w++) { // warm-up: JIT and ONNX runtime, on inputs never timed
            for (String line : lines) {
                sink += classifier.classify(line).size();
            }
        }

        long[] nanos = new long[rounds * lines.size()];
        int n = 0;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long yardstickNanos = 0;
        long yardstickCpu = 0;
        // The machine's speed while the rounds ran, to compare runs by: the same sentence embedded (nothing cached)
        // 20 times after each round, outside the utterance timings and the throughput.
        long[] pass = new long[rounds * 20];
        int p = 0;
        for (int r = 0; r < rounds; r++) {
            for (String line : lines) {
                long t0 = System.nanoTime();
                sink += classifier.classify(line).size();
                nanos[n++] = System.nanoTime() - t0;
            }
            long y0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                sink += embedder.embed(YARDSTICK).length;
                pass[p++] = System.nanoTime() - t0;
            }
            yardstickCpu += os.getProcessCpuTime() - c0;
            yardstickNanos += System.nanoTime() - y0;
        }
        double seconds = (System.nanoTime() - start - yardstickNanos) / 1e9;
        Arrays.sort(pass);
        double cpuMs = (os.getProcessCpuTime() - cpuStart - yardstickCpu) / 1e6;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%d utterances (%d distinct lines x %d rounds) on one thread%n", n,
                lines.size(), rounds);
        System.out.printf(Locale.ROOT, "throughput %.1f utterances/s%n", n / seconds);
        System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.99), nanos[n - 1] / 1e6);
        System.out.printf(Locale.ROOT, "process CPU %.2f ms per utterance (all threads; wall-clock figures above include "
                + "waiting for a core when the machine is busy: load average %.1f on %d cores)%n", cpuMs / n,
                os.getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "yardstick: one fixed %d-word sentence through the whole model 20 times after each round, median "
                + "%.2f ms (compare runs by it: on a shared VM the machine's speed varies)%n",
                YARDSTICK.split(" ").length, pass[pass.length / 2] / 1e6);
        System.out.printf(Locale.ROOT, "target p99 < 10 ms per utterance: %s (p99 %.2f ms)%n",
                ms(nanos, 0.99) < 10 ? "met" : "MISSED", ms(nanos, 0.99));
        System.out.printf(Locale.ROOT, "(checksum %d)%n", sink);
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static ExampleSet evalSet() throws IOException {
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                ClassifierBenchmark.class.getResourceAsStream("eval.tsv"), "eval.tsv on the test classpath"),
                StandardCharsets.UTF_8)) {
            return ExampleSet.parse(in, "eval.tsv");
        }
    }
}
