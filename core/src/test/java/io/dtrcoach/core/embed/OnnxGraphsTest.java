package io.dtrcoach.core.embed;

import com.google.protobuf.UnknownFieldSet;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxGraphsTest {
    private static final String EARLY = "/encoder/layer.2/output/LayerNorm/Add_1_output_0";
    private static byte[] model;

    @BeforeAll
    static void readTheShippedModel() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx"))) {
            model = in.readAllBytes();
        }
    }

    @Test
    void anIntermediateOutputKeepsOnlyTheLayersBeforeItAndTheirWeights() throws IOException {
        Graph whole = Graph.of(model);
        Graph early = Graph.of(OnnxGraphs.withOutputs(model, List.of(EARLY)));

        assertThat(early.outputs()).containsExactly(EARLY);
        assertThat(early.nodes()).hasSizeLessThan(whole.nodes().size()).isSubsetOf(whole.nodes());
        assertThat(early.nodes()).anyMatch(n -> n.startsWith("/encoder/layer.2/"))
                .noneMatch(n -> n.startsWith("/encoder/layer.3/") || n.startsWith("/encoder/layer.5/"));
        assertThat(early.weights()).anyMatch(w -> w.startsWith("encoder.layer.2."))
                .noneMatch(w -> w.startsWith("encoder.layer.3.") || w.startsWith("encoder.layer.5."));
    }

    @Test
    void addingAnOutputKeepsEveryNodeAndTheOriginalOutputFirst() throws IOException {
        Graph whole = Graph.of(model);
        Graph both = Graph.of(OnnxGraphs.withOutputs(model, List.of("last_hidden_state", EARLY)));

        assertThat(both.outputs()).containsExactly("last_hidden_state", EARLY);
        assertThat(both.nodes()).containsExactlyElementsOf(whole.nodes());
        assertThat(both.weights()).containsExactlyInAnyOrderElementsOf(whole.weights());
    }

    @Test
    void aTensorNoNodeComputesIsRefused() {
        assertThatThrownBy(() -> OnnxGraphs.withOutputs(model, List.of("/encoder/layer.9/output")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/encoder/layer.9/output");
    }

    /** Names read straight from the protocol-buffer fields, independently of the code under test. */
    private record Graph(List<String> nodes, List<String> outputs, List<String> weights) {
        static Graph of(byte[] bytes) throws IOException {
            UnknownFieldSet graph = UnknownFieldSet.parseFrom(
                    UnknownFieldSet.parseFrom(bytes).getField(7).getLengthDelimitedList().get(0));
            return new Graph(names(graph, 1, 3), names(graph, 12, 1), names(graph, 5, 8));
        }

        private static List<String> names(UnknownFieldSet graph, int field, int nameField) {
            return graph.getField(field).getLengthDelimitedList().stream().map(b -> {
                try {
                    return UnknownFieldSet.parseFrom(b).getField(nameField).getLengthDelimitedList().get(0).toStringUtf8();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
