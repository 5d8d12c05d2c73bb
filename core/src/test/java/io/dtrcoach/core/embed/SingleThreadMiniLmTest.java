package io.dtrcoach.core.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.LabelledLine;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class SingleThreadMiniLmTest {
    private final SingleThreadMiniLm model = SingleThreadMiniLm.shared();

    @Test
    void theShortPathGivesTheLibrarysVectorForEveryShippedExample() {
        int compared = 0;
        for (LabelledLine line : ExampleSet.shipped().lines()) {
            String text = line.text().strip().toLowerCase(Locale.ROOT);
            float[] direct = model.embed(text).content().vector();
            assertThat(direct).as(text).containsExactly(model.embedTheLibraryWay(text));
            compared++;
        }
        assertThat(compared).isGreaterThan(400);
    }

    @Test
    void theEarlyLayersAloneGiveExactlyTheEarlyVectorOfTheWholeModelsPass() {
        int compared = 0;
        for (LabelledLine line : ExampleSet.shipped().lines()) {
            String text = line.text().strip().toLowerCase(Locale.ROOT);
            SingleThreadMiniLm.Vectors both = model.both(text);
            SingleThreadMiniLm.Vectors early = model.early(text);
            assertThat(early.early()).as(text).containsExactly(both.early());
            assertThat(early.layers()).as(text + ": the first layers' means")
                    .containsExactly(java.util.Arrays.copyOf(both.layers(), early.layers().length));
            assertThat(both.layers()).hasSize(6 * 384);
            assertThat(both.last()).as(text).containsExactly(model.embed(text).content().vector());
            compared++;
        }
        assertThat(compared).isGreaterThan(400);
    }

    @Test
    void addingTheEarlyOutputLeavesTheSentenceEmbeddingExactlyAsTheUneditedModelGivesIt() throws Exception {
        byte[] unedited;
        try (InputStream in = Objects.requireNonNull(AllMiniLmL6V2QuantizedEmbeddingModel.class
                .getResourceAsStream("/all-minilm-l6-v2-q.onnx"))) {
            unedited = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(unedited, SingleThreadMiniLm.sessionOptions())) {
            AbstractInProcessEmbeddingModel original =
                    SingleThreadMiniLm.libraryModel(SingleThreadMiniLm.libraryEncoder(env, session));
            int compared = 0;
            for (LabelledLine line : ExampleSet.shipped().lines()) {
                String text = line.text().strip().toLowerCase(Locale.ROOT);
                assertThat(model.both(text).last()).as(text).containsExactly(original.embed(text).content().vector());
                compared++;
            }
            assertThat(compared).isGreaterThan(400);
        }
    }

    @Test
    void theEarlyVectorIsAnotherLayersMeanNotTheSentenceEmbedding() {
        SingleThreadMiniLm.Vectors a = model.both("can we talk about where this is going?");
        SingleThreadMiniLm.Vectors b = model.both("friday works for the security review.");
        assertThat(norm(a.early())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(cosine(a.early(), a.last())).isLessThan(0.9);
        // The early layers keep a large shared direction (unrelated lines look alike before centring), which the
        // classifier removes by subtracting the examples' mean.
        assertThat(cosine(a.early(), b.early())).isGreaterThan(cosine(a.last(), b.last()));
    }

    @Test
    void aTextLongerThanTheModelTakesHasBothVectorsTheLibrarysWay() {
        String longText = "we have looked at the numbers again and again with the whole team. ".repeat(60);
        SingleThreadMiniLm.Vectors both = model.both(longText);
        assertThat(both.last()).containsExactly(model.embedTheLibraryWay(longText));
        assertThat(model.early(longText).early()).containsExactly(both.early());
        assertThat(both.layers()).hasSize(6 * 384);
        assertThat(norm(both.early())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    private static double norm(float[] v) {
        return Math.sqrt(cosine(v, v));
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void aTextLongerThanTheModelTakesGoesTheLibrarysWayAndStillGivesOneUnitVector() {
        String longText = "we have looked at the numbers again and again with the whole team. ".repeat(60);
        float[] v = model.embed(longText).content().vector();
        assertThat(v).hasSize(384).containsExactly(model.embedTheLibraryWay(longText));
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
