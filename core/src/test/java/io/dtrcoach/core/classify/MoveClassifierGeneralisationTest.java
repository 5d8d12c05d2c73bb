package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The move classifier judged on writers it never saw: leave-one-writer-out cross-validation over the corpus
 * (core/corpus/moves, one file per independent writer), with each held-out writer's thresholds chosen on the
 * other writers only. The gates below are the figures CI holds; docs/classifier.md records them against the targets.
 * The same run must also reproduce the shipped model, so the model in the jar is the one its corpus trains.
 */
class MoveClassifierGeneralisationTest {
    static final Path CORPUS = Path.of("corpus/moves");
    /**
     * Leave-one-writer-out F1 the build holds: the targets (0.90, 0.85, 0.85, 0.75), less 0.005 because ONNX Runtime
     * may round an embedding's last bit differently on another CPU. Measured on 14 writers: 0.912, 0.876, 0.850 and
     * 0.846 (docs/classifier.md).
     */
    static final double GATE_PRESSURE = 0.895;
    static final double GATE_DTR_ASK = 0.845;
    static final double GATE_PERMISSION_NO = 0.845;
    static final double GATE_REFLECTION = 0.745;
    static final Map<String, Double> GATES = Map.of(
            "pressure", GATE_PRESSURE,
            "dtr_ask", GATE_DTR_ASK,
            "permission_no", GATE_PERMISSION_NO,
            "reflection", GATE_REFLECTION);

    private static Corpus corpus;
    private static WriterCrossValidation.Result result;

    @BeforeAll
    static void crossValidate() {
        corpus = Corpus.load(CORPUS);
        result = WriterCrossValidation.shipped(TextEmbedder.create()).run(corpus);
        System.out.print(result.table());
    }

    @Test
    void should_learn_from_at_least_six_thousand_lines_by_at_least_eight_writers() {
        assertThat(corpus.size()).isGreaterThanOrEqualTo(6000);
        assertThat(corpus.writers()).hasSizeGreaterThanOrEqualTo(8);
        for (MoveLabel l : MoveLabel.values()) {
            assertThat(corpus.lines().stream().filter(x -> x.has(l)).map(Corpus.Line::writer).distinct())
                    .as("writers with a line of %s", l.id()).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void should_hold_its_gates_on_writers_it_never_saw() {
        GATES.forEach((label, gate) -> assertThat(result.of(label).f1())
                .as("%s leave-one-writer-out F1 (P %.3f, R %.3f)", label, result.of(label).precision(),
                        result.of(label).recall())
                .isGreaterThanOrEqualTo(gate));
    }

    @Test
    void should_ship_the_model_its_corpus_trains() {
        MoveModel shipped = TrainedMoveClassifier.shippedModel();
        // Bit for bit on the machine that trained it; elsewhere ONNX Runtime may round an embedding's last bit
        // differently, so the check that holds everywhere is that both models decide the same labels.
        assertThat(result.agreement(shipped)).as("share of corpus lines both models label alike; if low, the shipped "
                + "model is not the one the corpus trains: run train-classifier (max weight difference %s)",
                MoveModel.distance(result.model(), shipped)).isGreaterThanOrEqualTo(0.99);
    }
}
