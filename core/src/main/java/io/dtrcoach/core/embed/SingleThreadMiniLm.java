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
 *
 * <p>Besides the sentence embedding (the last layer's output), the model gives the move classifier an <em>early</em>
 * vector: the same mean-pooling of the output of its first three layers. Moves are mostly phrasing
 * and form, which the early layers keep and the last ones (trained for topic similarity) blur: by 10-fold
 * cross-validation over the classifier's examples the early vector classifies better (dtr_ask F1 0.89 against 0.81)
 * and costs about half the model. A second session holds only those layers; the full session outputs both, so a line
 * the intent matcher has embedded costs the classifier nothing more. The two give identical early vectors
 * ({@code SingleThreadMiniLmTest}), so a classification never depends on which ran first.
 */
final class SingleThreadMiniLm extends AbstractInProcessEmbeddingModel {
    /** BERT's position limit: the library's 510 tokens per piece plus [CLS] and [SEP]. */
    static final int MAX_TOKENS = 512;
    /**
     * Layers behind the early vector; chosen by cross-validation over the examples (1 to 6 tried). The shipped move
     * model reads their means, so it is fixed with the model.
     */
    static final int EARLY_LAYERS = 3;
    private static final int LAYERS = 6;
    private static final String LAST = "last_hidden_state";
    private static final String EARLY = layer(EARLY_LAYERS);
    private static final int DIMENSION = 384;
    /** The full session's outputs: the last layer first (the library's encoder reads the first), then layers 1–5. */
    private static final List<String> FULL_OUTPUTS = List.of(LAST, layer(1), layer(2), layer(3), layer(4), layer(5));
    /** The early session's outputs: the early layer first, then the layers before it. */
    private static final List<String> EARLY_OUTPUTS = earlyOutputs();

    private final OrtEnvironment env;
    /** All six layers; outputs the last layer's hidden state, then the early one. */
    private final OrtSession session;
    /** The first {@link #EARLY_LAYERS} layers only. */
    private final OrtSession earlySession;
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxBertBiEncoder library;
    private final AbstractInProcessEmbeddingModel earlyLibrary;

    /**
     * The vectors of one text: {@code early} and {@code last} unit length; {@code layers} the mean of every token's
     * output of each layer from the first on, in order, not normalised (all six after a full pass, the first
     * {@link #EARLY_LAYERS} after the early one): what the move classifier reads.
     */
    record Vectors(float[] early, float[] last, float[] layers) {
    }

    /** The output name of layer {@code n} (1-based). */
    private static String layer(int n) {
        return n == LAYERS ? LAST : "/encoder/layer." + (n - 1) + "/output/LayerNorm/Add_1_output_0";
    }

    private static List<String> earlyOutputs() {
        List<String> out = new ArrayList<>();
        out.add(layer(EARLY_LAYERS));
        for (int n = 1; n < EARLY_LAYERS; n++) {
            out.add(layer(n));
        }
        return List.copyOf(out);
    }

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
            OrtSession.SessionOptions options = sessionOptions();
            byte[] model = onnx.readAllBytes();
            this.session = env.createSession(OnnxGraphs.withOutputs(model, FULL_OUTPUTS), options);
            this.earlySession = env.createSession(OnnxGraphs.withOutputs(model, EARLY_OUTPUTS), options);
            this.tokenizer = tokenizer();
            this.library = libraryEncoder(env, session);
            this.earlyLibrary = libraryModel(libraryEncoder(env, earlySession));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the ONNX model", e);
        }
    }

    /** One thread, no spinning, every graph optimisation. */
    static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** The library's embedding path (splitting, pooling, normalising) over an encoder. */
    static AbstractInProcessEmbeddingModel libraryModel(OnnxBertBiEncoder encoder) {
        return new AbstractInProcessEmbeddingModel(Runnable::run) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }
        };
    }

    /**
     * The library's encoder over the same session, for long texts and for the test that compares the two paths. It
     * reads the session's first output.
     */
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
                out.add(Embedding.from(normalise(run(session, encoding).get(0))));
                tokens += encoding.getIds().length;
            }
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    /** Every vector of a text, from one pass of the whole model. */
    Vectors both(String text) {
        Encoding encoding = tokenizer.encode(text);
        if (encoding.getIds().length > MAX_TOKENS) {
            return new Vectors(earlyTheLibraryWay(text), embedTheLibraryWay(text),
                    layers(runTruncated(session, encoding)));
        }
        List<float[]> out = run(session, encoding);
        // layer n is out.get(n) for n < 6, the last is out.get(0)
        return new Vectors(normalise(out.get(EARLY_LAYERS)), normalise(out.get(0)),
                layers(out));
    }

    /** The early vectors alone, from the first {@link #EARLY_LAYERS} layers: about half the work of {@link #both}. */
    Vectors early(String text) {
        Encoding encoding = tokenizer.encode(text);
        if (encoding.getIds().length > MAX_TOKENS) {
            return new Vectors(earlyTheLibraryWay(text), null, layers(runTruncated(earlySession, encoding)));
        }
        List<float[]> out = run(earlySession, encoding);
        return new Vectors(normalise(out.get(0)), null, layers(out));
    }

    /**
     * The raw per-layer means in layer order, concatenated. Either session's outputs hold their deepest layer first,
     * then the layers from the first on.
     */
    private static float[] layers(List<float[]> out) {
        int n = out.size();
        float[] all = new float[n * DIMENSION];
        for (int layer = 1; layer <= n; layer++) {
            float[] v = out.get(layer == n ? 0 : layer);
            System.arraycopy(v, 0, all, (layer - 1) * DIMENSION, DIMENSION);
        }
        return all;
    }

    /** A pass over the first {@value #MAX_TOKENS} tokens, the closing marker kept: the classifier's view of a long text. */
    private List<float[]> runTruncated(OrtSession on, Encoding encoding) {
        return run(on, cut(encoding.getIds()), cut(encoding.getAttentionMask()), cut(encoding.getTypeIds()));
    }

    private static long[] cut(long[] v) {
        long[] out = java.util.Arrays.copyOf(v, MAX_TOKENS);
        out[MAX_TOKENS - 1] = v[v.length - 1];
        return out;
    }

    /** The library's path, whatever the length: for the test that compares the two. */
    float[] embedTheLibraryWay(String text) {
        return super.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
    }

    private float[] earlyTheLibraryWay(String text) {
        return earlyLibrary.embed(text).content().vector();
    }

    /**
     * One forward pass; for each of the session's outputs, the mean of every token's output (markers included), not
     * yet normalised (the library's sentence embedding is this mean at unit length).
     */
    private List<float[]> run(OrtSession on, Encoding encoding) {
        return run(on, encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
    }

    private List<float[]> run(OrtSession on, long[] ids, long[] attention, long[] typeIds) {
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(attention), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(typeIds), shape);
             OrtSession.Result result = on.run(
                     Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
            List<float[]> out = new ArrayList<>(result.size());
            for (int i = 0; i < result.size(); i++) {
                out.add(meanPool(((OnnxTensor) result.get(i)).getFloatBuffer(), ids.length));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed", e);
        }
    }

    private static float[] meanPool(FloatBuffer hidden, int tokens) {
        float[] mean = new float[DIMENSION];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < DIMENSION; j++) {
                mean[j] += hidden.get(t * DIMENSION + j);
            }
        }
        for (int j = 0; j < DIMENSION; j++) {
            mean[j] /= tokens;
        }
        return mean;
    }

    /** Unit length, as the library normalises (float arithmetic, so the vectors stay bit-identical to its own). */
    private static float[] normalise(float[] mean) {
        float sumSquare = 0;
        for (int j = 0; j < DIMENSION; j++) {
            sumSquare += mean[j] * mean[j];
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] out = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            out[j] = mean[j] / norm;
        }
        return out;
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
