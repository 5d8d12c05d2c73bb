package io.dtrcoach.core.classify;

import java.util.Arrays;
import java.util.Optional;

/** The move taxonomy. {@link #id()} is the label as written in files and reports. */
public enum MoveLabel {
    DTR_ASK("dtr_ask"),
    PERMISSION_NO("permission_no"),
    OPEN_QUESTION("open_question"),
    CLOSED_QUESTION("closed_question"),
    SUMMARY("summary"),
    NEXT_STEP("next_step"),
    RAPPORT("rapport"),
    DECISION_PROCESS("decision_process"),
    PRESSURE_ULTIMATUM("pressure.ultimatum"),
    PRESSURE_FALSE_URGENCY("pressure.false_urgency"),
    PRESSURE_PEER("pressure.peer"),
    PRESSURE_GUILT("pressure.guilt"),
    PRESSURE_LEADING("pressure.leading"),
    PRESSURE_CONTROLLING("pressure.controlling"),
    OTHER("other");

    private final String id;

    MoveLabel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isPressure() {
        return id.startsWith("pressure.");
    }

    public static Optional<MoveLabel> fromId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }
}
