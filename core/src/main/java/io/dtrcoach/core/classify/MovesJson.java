package io.dtrcoach.core.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON line the {@code classify} command prints per input line:
 * {@code {"text":"…","moves":[{"label":"dtr_ask","confidence":0.91,"unsure":false}]}}.
 */
public final class MovesJson {
    /** Immutable and thread-safe once built. */
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private record Line(String text, List<MoveJson> moves) {
    }

    private record MoveJson(String label, double confidence, boolean unsure) {
    }

    private MovesJson() {
    }

    /** One line of JSON, no trailing newline. */
    public static String line(String text, List<Move> moves) {
        List<MoveJson> out = moves.stream().map(m -> new MoveJson(m.label(), m.confidence(), m.unsure())).toList();
        try {
            return WRITER.writeValueAsString(new Line(text, out));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write classify output", e);
        }
    }

    /** Classifies the text and renders the line. */
    public static String classify(MoveClassifier classifier, String text) {
        return line(text, classifier.classify(text));
    }
}
