package io.dtrcoach.core.classify;

import java.util.List;

/** Labels what a rep's line does (see {@link MoveLabel}). Implementations are thread-safe and deterministic. */
public interface MoveClassifier {
    /** The moves in the line, most confident first; {@code other} alone when nothing else applies. */
    List<Move> classify(String text);
}
