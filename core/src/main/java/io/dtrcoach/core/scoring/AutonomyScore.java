package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much room the rep left the prospect to decide (MITI "emphasize autonomy", Voss): permission to say no,
 * no-oriented questions and calibrated "how/what" questions raise it from a neutral start; controlling
 * language and leading questions lower it.
 */
final class AutonomyScore {
    static final int BASE = 40;
    static final int FIRST_PERMISSION = 25;
    static final int MORE_PERMISSION = 10;
    static final int MAX_MORE_PERMISSIONS = 2;
    static final int NO_ORIENTED = 10;
    static final int MAX_NO_ORIENTED = 2;
    static final int CALIBRATED = 5;
    static final int MAX_CALIBRATED = 4;
    static final int CONTROLLING = 15;

    private AutonomyScore() {
    }

    static Assessment assess(Conversation c) {
        int score = BASE;
        int permissions = 0;
        int noOriented = 0;
        int calibrated = 0;
        int controlling = 0;
        Turn firstControl = null;
        List<Evidence> evidence = new ArrayList<>();
        for (Turn t : c.turns()) {
            List<String> notes = new ArrayList<>();
            Optional<Move> permission = t.moves().stream()
                    .filter(m -> m.label().equals(MoveLabel.PERMISSION_NO.id())).findFirst();
            if (permission.isPresent()) {
                permissions++;
                double w = permission.get().weight();
                String unsure = permission.get().unsure() ? " (unsure)" : "";
                if (permissions == 1) {
                    int credit = (int) Math.round(FIRST_PERMISSION * w);
                    score += credit;
                    notes.add("permission to say no" + unsure + " +" + credit);
                } else if (permissions <= 1 + MAX_MORE_PERMISSIONS) {
                    int credit = (int) Math.round(MORE_PERMISSION * w);
                    score += credit;
                    notes.add("permission to say no again" + unsure + " +" + credit);
                }
            }
            for (Conversation.Question q : c.line(t).questions()) {
                if (q.noOriented()) {
                    noOriented++;
                    if (noOriented <= MAX_NO_ORIENTED) {
                        score += NO_ORIENTED;
                        notes.add("no-oriented question +" + NO_ORIENTED);
                    }
                } else if (q.calibrated()) {
                    calibrated++;
                    if (calibrated <= MAX_CALIBRATED) {
                        score += CALIBRATED;
                        notes.add("calibrated question +" + CALIBRATED);
                    }
                }
            }
            for (String label : List.of(MoveLabel.PRESSURE_CONTROLLING.id(), MoveLabel.PRESSURE_LEADING.id())) {
                Optional<Move> m = t.moves().stream().filter(x -> x.label().equals(label)).findFirst();
                if (m.isPresent()) {
                    controlling++;
                    int cost = (int) Math.round(CONTROLLING * m.get().weight());
                    score -= cost;
                    notes.add(label + (m.get().unsure() ? " (unsure)" : "") + " −" + cost);
                    if (firstControl == null) {
                        firstControl = t;
                    }
                }
            }
            if (!notes.isEmpty()) {
                evidence.add(c.evidence(t, String.join("; ", notes)));
            }
        }
        int finalScore = Assessment.clamp(score, 0, 100);
        String explanation = (permissions == 0 ? "You never made no a safe answer"
                : "You gave permission to say no " + times(permissions))
                + ", asked " + noOriented + " no-oriented and " + calibrated + " calibrated (how/what) question"
                + TimingScore.plural(calibrated) + ", and "
                + (controlling == 0 ? "used no controlling or leading language."
                : "used controlling or leading language " + times(controlling) + ".");

        Optional<Assessment.Focus> focus;
        if (firstControl != null) {
            focus = Optional.of(new Assessment.Focus(firstControl.number(), List.of(MoveLabel.OPEN_QUESTION.id()),
                    "Ask what they want to do rather than steering them to your answer."));
        } else {
            boolean gavePermission = permissions > 0;
            focus = c.firstAsk().or(() -> c.turns().stream().findFirst())
                    .map(t -> gavePermission
                            ? new Assessment.Focus(t.number(), List.of(MoveLabel.OPEN_QUESTION.id()),
                            "You made no a safe answer; now ask how or what questions that let them tell you what "
                                    + "they want, rather than yes/no ones.")
                            : new Assessment.Focus(t.number(), List.of(MoveLabel.PERMISSION_NO.id()),
                            "Say out loud that no is a fine answer; people tell the truth when it is safe to."));
        }
        return new Assessment(new Dimension(finalScore, explanation, evidence), focus);
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }
}
