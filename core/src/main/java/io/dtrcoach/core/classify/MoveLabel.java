package io.dtrcoach.core.classify;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shared move vocabulary (defined, with its borderline rulings, in {@code docs/labelling.md}). One judgement
 * with these labels drives both the persona and the report. {@link #id()} is the label as written in files and
 * reports; {@link #answerRank()} is the persona's priority when a line carries several acts (lower answers first).
 */
public enum MoveLabel {
    DTR_ASK("dtr_ask", 4),
    PERMISSION_NO("permission_no", 6),
    UPFRONT_CONTRACT("upfront_contract", 5),
    OPEN_QUESTION("open_question", 12),
    CLOSED_QUESTION("closed_question", 13),
    REFLECTION("reflection", 10),
    SUMMARY("summary", 9),
    NEXT_STEP("next_step", 8),
    DECISION_PROCESS("decision_process", 7),
    RAPPORT("rapport", 15),
    PITCH("pitch", 11),
    ACKNOWLEDGE("acknowledge", 16),
    LOGISTICS("logistics", 14),
    STEP_BACK("step_back", 2),
    REPAIR("repair", 1),
    PRESSURE_ULTIMATUM("pressure.ultimatum", 0),
    PRESSURE_FALSE_URGENCY("pressure.false_urgency", 0),
    PRESSURE_PEER("pressure.peer", 0),
    PRESSURE_GUILT("pressure.guilt", 0),
    PRESSURE_LEADING("pressure.leading", 0),
    PRESSURE_CONTROLLING("pressure.controlling", 0),
    OTHER("other", 17);

    /** The name that stands for every pressure label in matches, reactions and {@code move('pressure')}. */
    public static final String PRESSURE = "pressure";
    /** Where a scenario's own topic intents rank among the acts: after pressure, repair and stepping back. */
    public static final int TOPIC_RANK = 3;
    private static final String PRESSURE_PREFIX = PRESSURE + ".";

    private final String id;
    private final int answerRank;

    MoveLabel(String id, int answerRank) {
        this.id = id;
        this.answerRank = answerRank;
    }

    public String id() {
        return id;
    }

    /** The persona answers the act with the lowest rank first (see {@code docs/labelling.md}). */
    public int answerRank() {
        return answerRank;
    }

    public boolean isPressure() {
        return id.startsWith(PRESSURE_PREFIX);
    }

    /** Question form (open or closed): syntax, carried beside the act a question performs. */
    public boolean isForm() {
        return this == OPEN_QUESTION || this == CLOSED_QUESTION;
    }

    /** True for a pressure label's id. */
    public static boolean isPressure(String id) {
        return id.startsWith(PRESSURE_PREFIX);
    }

    public static Optional<MoveLabel> fromId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** Whether a name in a scenario ({@code match: {move: …}}, {@code reactions}, {@code move()}) is a move: a label or {@value #PRESSURE}. */
    public static boolean isMoveName(String name) {
        return PRESSURE.equals(name) || fromId(name).isPresent();
    }

    /** Whether a move name covers a label: itself, or {@value #PRESSURE} for any pressure label. */
    public static boolean covers(String name, String label) {
        return name.equals(label) || PRESSURE.equals(name) && isPressure(label);
    }

    /** Every label id, then {@value #PRESSURE}: what a scenario may name as a move. */
    public static List<String> moveNames() {
        List<String> out = new java.util.ArrayList<>(Arrays.stream(values()).map(MoveLabel::id).toList());
        out.add(PRESSURE);
        return List.copyOf(out);
    }

    /** Labels in answering order (ties by declaration order). */
    public static List<MoveLabel> byAnswerRank() {
        return Arrays.stream(values()).sorted(Comparator.comparingInt(MoveLabel::answerRank)).toList();
    }
}
