package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From this version a session's stored {@code overall_score} and {@code passed} are the ones in effect after its
 * reviewers' overrides; before, they stayed the computed ones. This brings the sessions overridden before the upgrade
 * into line, so the lists and the CSV export agree with their reports.
 * <p>
 * A migration runs against the data as it was when it was written, so the rule it applies is a frozen copy here (the
 * rule of {@code core.scoring.ScoresInEffect} as of this version, over the stored report JSON), not the application's
 * live classes, which may change later.
 */
public class V4__Scores_in_effect extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERALL = "overall";

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Map<String, List<Change>> changes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_id, dimension, score FROM score_overrides ORDER BY session_id, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Change(rs.getString(2), rs.getInt(3)));
            }
        }
        for (Map.Entry<String, List<Change>> session : changes.entrySet()) {
            String reportJson;
            try (PreparedStatement ps = c.prepareStatement("SELECT report_json FROM practice_sessions WHERE id = ?")) {
                ps.setString(1, session.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    reportJson = rs.next() ? rs.getString(1) : null;
                }
            }
            if (reportJson == null) {
                continue;
            }
            InEffect inEffect = inEffect(JSON.readTree(reportJson), session.getValue());
            if (!inEffect.scores().containsKey(OVERALL)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE practice_sessions SET overall_score = ?, passed = ? WHERE id = ?")) {
                ps.setInt(1, inEffect.scores().get(OVERALL));
                ps.setBoolean(2, inEffect.passed());
                ps.setString(3, session.getKey());
                ps.executeUpdate();
            }
        }
    }

    private record Change(String dimension, int score) {
    }

    private record InEffect(Map<String, Integer> scores, boolean passed) {
    }

    /**
     * A dimension's latest override, else its computed score; the overall a reviewer set, else (once a dimension is
     * overridden) the weighted sum of the dimensions in effect; passed: the overall in effect at or above the pass
     * mark, with a success ending (a report without {@code outcome.success} counts as one).
     */
    private static InEffect inEffect(JsonNode report, List<Change> overrides) {
        Map<String, Integer> scores = computed(report);
        Map<String, Integer> dimensionOverrides = new LinkedHashMap<>();
        Integer overallOverride = null;
        for (Change o : overrides) {
            if (o.dimension().equals(OVERALL)) {
                overallOverride = o.score();
            } else if (scores.containsKey(o.dimension())) {
                dimensionOverrides.put(o.dimension(), o.score());
            }
        }
        scores.putAll(dimensionOverrides);
        if (overallOverride != null) {
            scores.put(OVERALL, overallOverride);
        } else if (!dimensionOverrides.isEmpty()) {
            Double weighted = weightedSum(report.path("dimensions"), scores);
            if (weighted != null) {
                scores.put(OVERALL, (int) Math.max(0, Math.min(100, Math.round(weighted))));
            }
        }
        boolean success = report.path("outcome").path("success").asBoolean(true);
        boolean passed = report.path("pass").isNumber()
                ? success && scores.getOrDefault(OVERALL, 0) >= report.path("pass").asInt()
                : report.path("passed").asBoolean(false);
        return new InEffect(scores, passed);
    }

    private static Map<String, Integer> computed(JsonNode report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (report.path(OVERALL).isNumber()) {
            out.put(OVERALL, (int) Math.round(report.path(OVERALL).asDouble()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("dimensions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (d.getValue().path("score").isNumber()) {
                out.put(d.getKey(), (int) Math.round(d.getValue().path("score").asDouble()));
            }
        }
        return out;
    }

    /** Σ weight × score over the report's dimensions, or null when a dimension's weight is missing. */
    private static Double weightedSum(JsonNode dimensions, Map<String, Integer> scores) {
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (!d.getValue().path("weight").isNumber() || !scores.containsKey(d.getKey())) {
                return null;
            }
            sum += d.getValue().path("weight").asDouble() * scores.get(d.getKey());
        }
        return sum;
    }
}
