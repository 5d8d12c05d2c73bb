package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtrcoach.server.practice.ScoresInEffect;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From this version a session's stored {@code overall_score} and {@code passed} are the ones in effect after its
 * reviewers' overrides (see {@link ScoresInEffect}); before, they stayed the computed ones. This brings the sessions
 * overridden before the upgrade into line, so the lists and the CSV export agree with their reports.
 */
public class V4__Scores_in_effect extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Map<String, List<ScoresInEffect.Change>> changes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_id, dimension, score FROM score_overrides ORDER BY session_id, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new ScoresInEffect.Change(rs.getString(2), rs.getInt(3)));
            }
        }
        for (Map.Entry<String, List<ScoresInEffect.Change>> session : changes.entrySet()) {
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
            JsonNode report = JSON.readTree(reportJson);
            ScoresInEffect inEffect = ScoresInEffect.of(report, session.getValue());
            if (!inEffect.scores().containsKey(ScoresInEffect.OVERALL)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE practice_sessions SET overall_score = ?, passed = ? WHERE id = ?")) {
                ps.setInt(1, inEffect.overall());
                ps.setBoolean(2, inEffect.passed());
                ps.setString(3, session.getKey());
                ps.executeUpdate();
            }
        }
    }
}
