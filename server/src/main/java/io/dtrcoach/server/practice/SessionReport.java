package io.dtrcoach.server.practice;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The computed report exactly as scored, the overrides made since (oldest first) and the scores in effect:
 * the latest override of each dimension, else the computed score.
 */
public record SessionReport(String session, JsonNode report, List<ScoreOverride> overrides,
                            Map<String, Integer> effectiveScores) {
}
