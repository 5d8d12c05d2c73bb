package io.dtrcoach.server.practice;

import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.ScoresInEffect;

import java.util.List;
import java.util.Map;

/**
 * The computed report exactly as scored, the overrides made since (oldest first) and the scores in effect (see
 * {@link ScoresInEffect}): each dimension's latest override, else its computed score; the overall as a reviewer set
 * it, else recomputed by the rubric's weights once a dimension is overridden; and whether that overall passes.
 */
public record SessionReport(String session, Report report, List<ScoreOverride> overrides,
                            Map<String, Integer> effectiveScores, boolean effectivePassed, boolean overallRecomputed) {
    SessionReport(String session, Report report, List<ScoreOverride> overrides, ScoresInEffect inEffect) {
        this(session, report, overrides, inEffect.scores(), inEffect.passed(), inEffect.overallRecomputed());
    }
}
