package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.scoring.Report;

/** Scores a finished conversation ({@code core.scoring.Scorer} in production; a smaller one in tests). */
@FunctionalInterface
public interface SessionScorer {
    Report score(Engine engine, Transcript transcript);
}
