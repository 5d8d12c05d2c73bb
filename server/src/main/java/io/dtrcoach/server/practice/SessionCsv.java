package io.dtrcoach.server.practice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Session lists as CSV (RFC 4180), safe to open in a spreadsheet. */
public final class SessionCsv {
    private static final String HEADER =
            "id,rep,team,scenario,scenario_title,status,ending,started_at,ended_at,turns,overall,passed,"
                    + "persona,outcome,overridden,score_timing,score_pressure,score_autonomy,score_listening,score_outcome";
    /** The dimensions, in the report's order; each column is the score in effect (after a reviewer's override). */
    private static final List<String> DIMENSIONS = List.of("timing", "pressure", "autonomy", "listening", "outcome");

    private SessionCsv() {
    }

    /** @param reports the report of each ended session, by session id (an open session has none) */
    public static String write(List<SessionSummary> sessions, Map<String, SessionReport> reports) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (SessionSummary s : sessions) {
            Optional<SessionReport> r = Optional.ofNullable(reports.get(s.id()));
            Stream<String> base = Stream.of(s.id(), s.rep(), s.team().orElse(""), s.scenario(), s.scenarioTitle(),
                    s.status().id(), s.ending().orElse(""), s.startedAt().toString(),
                    s.endedAt().map(Object::toString).orElse(""), Integer.toString(s.turns()),
                    s.overall().map(Object::toString).orElse(""), s.passed().map(Object::toString).orElse(""),
                    s.persona(), r.map(x -> x.report().outcome().outcomeKind().name()).orElse(""),
                    r.map(x -> Boolean.toString(!x.overrides().isEmpty())).orElse(""));
            Stream<String> scores = DIMENSIONS.stream().map(d -> r.map(x -> x.effectiveScores().get(d))
                    .map(Object::toString).orElse(""));
            sb.append(Stream.concat(base, scores).map(SessionCsv::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return sb.toString();
    }

    public static String cell(String value) {
        String v = value;
        // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
