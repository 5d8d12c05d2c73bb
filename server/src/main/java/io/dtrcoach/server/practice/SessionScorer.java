package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;

/**
 * Scores a finished conversation. The result is stored as JSON; the server reads {@code overall} and
 * {@code passed} from it for listings, and {@code dimensions.<name>.score} for overrides.
 */
@FunctionalInterface
public interface SessionScorer {
    Object score(Engine engine, Transcript transcript);
}
