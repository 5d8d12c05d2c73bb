package io.dtrcoach.core.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The quantized all-MiniLM-L6-v2 model shipped in the LangChain4j jar, in an ONNX session limited to one thread
 * that does not spin while idle. The library's default session sizes its thread pool to the machine and busy-waits
 * between operators: on a server where several requests embed at once that doubles the CPU per embedding (measured:
 * 20 ms against 10 ms per utterance) and steals cores from the requests that have work to do. Parallelism comes from
 * the callers instead, one embedding per thread. Loaded once per process, like the library's own model: the session
 * is immutable and safe to share between threads.
 */
final class SingleThreadMiniLm extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder model;

    private static final class Holder {
        static final SingleThreadMiniLm INSTANCE = new SingleThreadMiniLm();
    }

    static SingleThreadMiniLm shared() {
        return Holder.INSTANCE;
    }

    private SingleThreadMiniLm() {
        super(Runnable::run);
        try (InputStream onnx = resource("/all-minilm-l6-v2-q.onnx");
             InputStream tokenizer = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(onnx.readAllBytes(), options);
            this.model = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the ONNX model", e);
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name), name);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return model;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }
}
