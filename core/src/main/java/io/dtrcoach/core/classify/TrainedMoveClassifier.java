package io.dtrcoach.core.classify;

import io.dtrcoach.core.embed.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The shipped move classifier: {@link MoveFeatures} read by the {@link MoveModel} trained from the multi-writer
 * corpus. Each sentence of a turn and the turn as a whole are judged; a label's confidence is its highest over them.
 * Thread-safe and deterministic.
 */
public final class TrainedMoveClassifier implements MoveClassifier {
    /** Classpath location of the shipped model (made by {@code train-classifier} from core/corpus/moves). */
    public static final String SHIPPED = "/io/dtrcoach/core/classify/move-model.bin.gz";

    private final MoveFeatures features;
    private final MoveModel model;

    public TrainedMoveClassifier(MoveFeatures features, MoveModel model) {
        if (features.kind() != model.kind() || features.rules() != model.rules()) {
            throw new IllegalArgumentException("the model was trained on other features");
        }
        this.features = features;
        this.model = model;
    }

    public static TrainedMoveClassifier create(TextEmbedder embedder) {
        return new TrainedMoveClassifier(MoveFeatures.shipped(embedder), shippedModel());
    }

    public static MoveModel shippedModel() {
        try (InputStream in = TrainedMoveClassifier.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new ExampleSetInvalid("missing resource " + SHIPPED);
            }
            return MoveModel.read(in, SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Move> classify(String text) {
        if (text == null || text.isBlank()) {
            return List.of(new Move(MoveLabel.OTHER.id(), 1.0));
        }
        float[][] rows = features.rows(text);
        if (rows.length == 0) {
            return List.of(new Move(MoveLabel.OTHER.id(), 1.0));
        }
        return model.decide(model.confidences(model.maxLogits(rows)));
    }
}
