package io.dtrcoach.core.embed;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Edits of an ONNX model's graph, read and written as plain protocol-buffer fields (field numbers from onnx.proto). */
final class OnnxGraphs {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int VALUE_INFO_NAME = 1;
    private static final int TENSOR_NAME = 8;

    private OnnxGraphs() {
    }

    /**
     * The model with {@code tensors} as its outputs, in that order, and only the nodes they need. A tensor that is
     * already an output keeps its declaration; any other takes the first output's type (an intermediate hidden state of
     * a BERT model has the same element type and shape as the last one).
     *
     * @throws IllegalArgumentException when no node computes one of the tensors
     */
    static byte[] withOutputs(byte[] model, List<String> tensors) throws InvalidProtocolBufferException {
        UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
        UnknownFieldSet graph = UnknownFieldSet.parseFrom(m.getField(MODEL_GRAPH).getLengthDelimitedList().get(0));
        List<ByteString> nodes = graph.getField(GRAPH_NODE).getLengthDelimitedList();
        List<UnknownFieldSet> parsed = new ArrayList<>(nodes.size());
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            UnknownFieldSet node = UnknownFieldSet.parseFrom(nodes.get(i));
            parsed.add(node);
            for (ByteString out : node.getField(NODE_OUTPUT).getLengthDelimitedList()) {
                producer.put(out.toStringUtf8(), i);
            }
        }
        Map<String, UnknownFieldSet> declared = new HashMap<>();
        List<ByteString> oldOutputs = graph.getField(GRAPH_OUTPUT).getLengthDelimitedList();
        for (ByteString out : oldOutputs) {
            UnknownFieldSet info = UnknownFieldSet.parseFrom(out);
            declared.put(info.getField(VALUE_INFO_NAME).getLengthDelimitedList().get(0).toStringUtf8(), info);
        }
        UnknownFieldSet template = UnknownFieldSet.parseFrom(oldOutputs.get(0));
        UnknownFieldSet.Field.Builder outputs = UnknownFieldSet.Field.newBuilder();
        for (String tensor : tensors) {
            if (!producer.containsKey(tensor)) {
                throw new IllegalArgumentException("no node of the model computes " + tensor);
            }
            UnknownFieldSet info = declared.getOrDefault(tensor, UnknownFieldSet.newBuilder(template)
                    .clearField(VALUE_INFO_NAME).addField(VALUE_INFO_NAME, bytes(ByteString.copyFromUtf8(tensor))).build());
            outputs.addLengthDelimited(info.toByteString());
        }
        boolean[] keep = new boolean[nodes.size()];
        Deque<String> wanted = new ArrayDeque<>(tensors);
        while (!wanted.isEmpty()) {
            Integer p = producer.get(wanted.pop());
            if (p == null || keep[p]) {
                continue; // a graph input, an initialiser, or a node already kept
            }
            keep[p] = true;
            for (ByteString in : parsed.get(p).getField(NODE_INPUT).getLengthDelimitedList()) {
                wanted.push(in.toStringUtf8());
            }
        }
        UnknownFieldSet.Field.Builder kept = UnknownFieldSet.Field.newBuilder();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                kept.addLengthDelimited(nodes.get(i));
                parsed.get(i).getField(NODE_INPUT).getLengthDelimitedList().forEach(in -> used.add(in.toStringUtf8()));
            }
        }
        // Weights only the dropped nodes read go too (ONNX Runtime would drop them with a warning each).
        UnknownFieldSet.Field.Builder weights = UnknownFieldSet.Field.newBuilder();
        for (ByteString initialiser : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
            UnknownFieldSet tensor = UnknownFieldSet.parseFrom(initialiser);
            if (used.contains(tensor.getField(TENSOR_NAME).getLengthDelimitedList().get(0).toStringUtf8())) {
                weights.addLengthDelimited(initialiser);
            }
        }
        UnknownFieldSet newGraph = UnknownFieldSet.newBuilder(graph)
                .clearField(GRAPH_NODE).addField(GRAPH_NODE, kept.build())
                .clearField(GRAPH_INITIALIZER).addField(GRAPH_INITIALIZER, weights.build())
                .clearField(GRAPH_OUTPUT).addField(GRAPH_OUTPUT, outputs.build()).build();
        return UnknownFieldSet.newBuilder(m).clearField(MODEL_GRAPH)
                .addField(MODEL_GRAPH, bytes(newGraph.toByteString())).build().toByteArray();
    }

    private static UnknownFieldSet.Field bytes(ByteString value) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(value).build();
    }
}
