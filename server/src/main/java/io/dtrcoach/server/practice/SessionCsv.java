package io.dtrcoach.server.practice;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Session lists as CSV (RFC 4180), safe to open in a spreadsheet. */
public final class SessionCsv {
    private static final String HEADER =
            "id,rep,team,scenario,scenario_title,status,ending,started_at,ended_at,turns,overall,passed";

    private SessionCsv() {
    }

    public static String write(List<SessionSummary> sessions) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (SessionSummary s : sessions) {
            sb.append(Stream.of(s.id(), s.rep(), s.team().orElse(""), s.scenario(), s.scenarioTitle(), s.status().id(),
                            s.ending().orElse(""), s.startedAt().toString(), s.endedAt().map(Object::toString).orElse(""),
                            Integer.toString(s.turns()), s.overall().map(Object::toString).orElse(""),
                            s.passed().map(Object::toString).orElse(""))
                    .map(SessionCsv::cell).collect(Collectors.joining(","))).append("\r\n");
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
