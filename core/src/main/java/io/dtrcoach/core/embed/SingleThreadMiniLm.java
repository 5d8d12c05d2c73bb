package io.dtrcoach.core.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The quantized all-MiniLM-L6-v2 model shipped in the LangChain4j jar, in an ONNX session limited to one thread
 * that does not spin while idle. The library's default session sizes its thread pool to the machine and busy-waits
 * between operators: on a server where several requests embed at once that doubles the CPU per embedding (measured:
 * 20 ms against 10 ms per utterance) and steals cores from the requests that have work to do. Parallelism comes from
 * the callers instead, one embedding per thread. Loaded once per process, like the library's own model: the session
 * is immutable and safe to share between threads.
 *
 * <p>The session applies every graph optimisation ONNX Runtime has (operator fusion; the library leaves its default,
 * which is fewer). A text the model can take in one piece (at most {@value #MAX_TOKENS} tokens with the two markers,
 * which is every rep line in practice) is tokenised once and mean-pooled straight from the output buffer, exactly as
 * the library pools it: the library's own path tokenises each text three times (to count, to split, to check the
 * split) and copies the output into nested arrays. Longer texts go the library's way, which splits them.
 * {@code SingleThreadMiniLmTest} checks both paths give the same vectors.
 */
final class SingleThreadMiniLm extends AbstractInProcessEmbeddingModel {
    /** BERT's position limit: the library's 510 tokens per piece plus [CLS] and [SEP]. */
    static final int MAX_TOKENS = 512;
    private static final int DIMENSION = 384;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxBertBiEncoder library;

    private static final class Holder {
        static final SingleThreadMiniLm INSTANCE = new SingleThreadMiniLm();
    }

    static SingleThreadMiniLm shared() {
        return Holder.INSTANCE;
    }

    private SingleThreadMiniLm() {
        super(Runnable::run);
        try (InputStream onnx = resource("/all-minilm-l6-v2-q.onnx")) {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(onnx.readAllBytes(), options);
            this.tokenizer = tokenizer();
            this.library = libraryEncoder(env, session);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the ONNX model", e);
        }
    }

    /** The library's encoder over the same session, for long texts and for the test that compares the two paths. */
    static OnnxBertBiEncoder libraryEncoder(OrtEnvironment env, OrtSession session) throws IOException {
        try (InputStream json = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            return new OnnxBertBiEncoder(env, session, json, PoolingMode.MEAN);
        }
    }

    private static HuggingFaceTokenizer tokenizer() throws IOException {
        try (InputStream json = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false"));
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name), name);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        int tokens = 0;
        for (TextSegment segment : segments) {
            Encoding encoding = tokenizer.encode(segment.text());
            if (encoding.getIds().length > MAX_TOKENS) {
                Response<List<Embedding>> long_ = super.embedAll(List.of(segment));
                out.add(long_.content().get(0));
                tokens += long_.tokenUsage() == null ? 0 : long_.tokenUsage().inputTokenCount();
            } else {
                out.add(Embedding.from(embed(encoding)));
                tokens += encoding.getIds().length;
            }
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    /** The library's path, whatever the length: for the test that compares the two. */
    float[] embedTheLibraryWay(String text) {
        return super.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
    }

    /** One forward pass; the mean of every token's output (markers included), then unit length, as the library does. */
    private float[] embed(Encoding encoding) {
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
             OrtSession.Result result = session.run(
                     Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] mean = new float[DIMENSION];
            for (int t = 0; t < ids.length; t++) {
                for (int j = 0; j < DIMENSION; j++) {
                    mean[j] += hidden.get(t * DIMENSION + j);
                }
            }
            float sumSquare = 0;
            for (int j = 0; j < DIMENSION; j++) {
                mean[j] /= ids.length;
                sumSquare += mean[j] * mean[j];
            }
            float norm = (float) Math.sqrt(sumSquare);
            for (int j = 0; j < DIMENSION; j++) {
                mean[j] = mean[j] / norm;
            }
            return mean;
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed", e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return library;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}
