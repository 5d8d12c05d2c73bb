package io.dtrcoach.server.assign;

import io.dtrcoach.server.practice.SessionCsv;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The completion matrix as CSV: one line per assignment, rep and scenario (cells made safe as the session CSV's). */
public final class AssignmentCsv {
    private static final String HEADER = "assignment_id,assignment,rep,team,scenario,scenario_title,due,requirement,"
            + "attempts,best,met,complete,overdue";

    private AssignmentCsv() {
    }

    public static String write(List<RepAssignment> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (RepAssignment r : rows) {
            Assignment a = r.assignment();
            for (ScenarioProgress s : r.scenarios()) {
                sb.append(Stream.of(Long.toString(a.id()), a.name(), r.rep(), r.team().orElse(""), s.id(), s.title(),
                                a.due().toString(), a.requirement(), Integer.toString(s.attempts()),
                                s.best().map(Object::toString).orElse(""), Boolean.toString(s.met()),
                                Boolean.toString(r.complete()), Boolean.toString(r.overdue()))
                        .map(SessionCsv::cell).collect(Collectors.joining(","))).append("\r\n");
            }
        }
        return sb.toString();
    }
}
