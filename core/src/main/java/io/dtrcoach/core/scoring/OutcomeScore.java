package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Ending;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the call got to (Rackham's outcomes; JOLT: a clean no beats a stalled maybe): a clear answer, the
 * hidden facts uncovered, and the decision process learned (MEDDPICC). A yes that followed coercion counts
 * for much less.
 */
final class OutcomeScore {
    static final double W_ANSWER = 0.5;
    static final double W_FACTS = 0.3;
    static final double W_DECISION = 0.2;
    static final int COERCED_YES = 35;
    static final int YES_AFTER_CONTROLLING = 70;
    /** Fact and intent ids that are about who decides and how. */
    private static final Pattern DECISION_ID = Pattern.compile(
            "decision|process|sign_?off|signer|approv|procure|legal|paperwork|committee|buying|budget_owner");

    private OutcomeScore() {
    }

    static int answerScore(Ending.Outcome outcome) {
        return switch (outcome) {
            case yes, no -> 100;
            case next_step -> 85;
            case no_decision -> 25;
            case shut_down -> 0;
        };
    }

    static Ending.Outcome outcomeOf(Conversation c) {
        return c.transcript().outcome().orElse(Ending.Outcome.no_decision);
    }

    static Assessment assess(Conversation c) {
        List<Evidence> evidence = new ArrayList<>();
        Ending.Outcome outcome = outcomeOf(c);
        String endingId = c.transcript().ending().orElse("still open");
        int answer = answerScore(outcome);
        Optional<Turn> endTurn = c.turns().stream().filter(t -> t.ending().isPresent()).findFirst().or(c::last);

        List<Turn> coercion = c.turns().stream()
                .filter(t -> t.moves().stream().anyMatch(m -> m.isPressure()
                        && !m.label().equals(MoveLabel.PRESSURE_CONTROLLING.id())))
                .toList();
        boolean controllingOnly = coercion.isEmpty() && c.turns().stream().anyMatch(Turn::hasPressure);
        boolean coercedYes = false;
        if (outcome == Ending.Outcome.yes && !coercion.isEmpty()) {
            answer = COERCED_YES;
            coercedYes = true;
            Turn first = coercion.get(0);
            evidence.add(c.evidence(first, "the yes came after pressure ("
                    + first.moves().stream().filter(Move::isPressure).map(Move::label).findFirst().orElseThrow()
                    + ")"));
        } else if (outcome == Ending.Outcome.yes && controllingOnly) {
            answer = YES_AFTER_CONTROLLING;
        }
        endTurn.ifPresent(t -> evidence.add(c.evidence(t, "ended: " + endingId + " (" + outcome + ")"
                + (outcome == Ending.Outcome.no ? ", a clean no is a good outcome" : ""))));

        int total = c.scenario().facts().size();
        List<String> revealed = c.transcript().revealedFacts();
        for (Turn t : c.turns()) {
            if (!t.revealed().isEmpty()) {
                evidence.add(c.evidence(t, "uncovered " + String.join(", ", t.revealed())));
            }
        }
        int facts = total == 0 ? 100 : Assessment.clamp(100.0 * Math.min(revealed.size(), total) / total, 0, 100);

        Optional<Turn> decisionTurn = decisionTurn(c);
        boolean decisionLearned = decisionTurn.isPresent();
        decisionTurn.ifPresent(t -> evidence.add(c.evidence(t, "decision process: " + (t.hasMove(
                MoveLabel.DECISION_PROCESS.id()) ? "asked how the decision gets made" : "learned who decides"))));

        double score = total == 0
                ? (W_ANSWER * answer + W_DECISION * (decisionLearned ? 100 : 0)) / (W_ANSWER + W_DECISION)
                : W_ANSWER * answer + W_FACTS * facts + W_DECISION * (decisionLearned ? 100 : 0);
        int finalScore = c.isEmpty() ? 0 : Assessment.clamp(score, 0, 100);
        evidence.sort(Comparator.comparingInt(Evidence::turn));

        String explanation = "The call ended " + describe(outcome, endingId, coercedYes)
                + (total == 0 ? "" : ", you uncovered " + Math.min(revealed.size(), total) + " of " + total
                + " hidden fact" + TimingScore.plural(total))
                + ", and you " + (decisionLearned ? "learned" : "never learned") + " how the decision gets made.";

        Optional<Assessment.Focus> focus;
        String name = c.prospectName();
        if (coercedYes) {
            Turn t = coercion.get(0);
            focus = Optional.of(new Assessment.Focus(t.number(),
                    List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id()),
                    "A yes after pressure may not hold; ask in a way that lets " + name + " say no."));
        } else if (!outcome.isClearAnswer()) {
            Turn t = c.firstAsk().or(() -> endTurn).orElse(null);
            focus = Optional.ofNullable(t).map(x -> new Assessment.Focus(x.number(),
                    outcome == Ending.Outcome.shut_down
                            ? List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id())
                            : List.of(MoveLabel.NEXT_STEP.id()),
                    outcome == Ending.Outcome.shut_down
                            ? name + " shut the call down; keep the temperature low and make no a safe answer."
                            : "Leave with a yes, a clean no, or a dated next step; a maybe is the worst outcome."));
        } else if (!decisionLearned) {
            focus = endTurn.map(t -> new Assessment.Focus(t.number(), List.of(MoveLabel.DECISION_PROCESS.id()),
                    "Learn who signs and what the steps are before the call ends."));
        } else {
            focus = c.firstAsk().or(c::last).map(t -> new Assessment.Focus(t.number(),
                    List.of(MoveLabel.OPEN_QUESTION.id()),
                    "Ask what has changed on their side; the hidden reasons come out to open questions."));
        }
        return new Assessment(new Dimension(finalScore, explanation, evidence), focus);
    }

    /** The first turn that asked about, or learned, how the decision gets made. */
    static Optional<Turn> decisionTurn(Conversation c) {
        return c.turns().stream().filter(OutcomeScore::aboutDecision).findFirst();
    }

    private static boolean aboutDecision(Turn t) {
        return t.hasMove(MoveLabel.DECISION_PROCESS.id())
                || t.revealed().stream().anyMatch(f -> DECISION_ID.matcher(f).find())
                || t.intents().stream().map(MatchedIntent::id).anyMatch(i -> DECISION_ID.matcher(i).find());
    }

    private static String describe(Ending.Outcome outcome, String endingId, boolean coerced) {
        return switch (outcome) {
            case yes -> coerced ? "with a yes that came after pressure (" + endingId + ")"
                    : "with a clear yes (" + endingId + ")";
            case no -> "with a clean no (" + endingId + ")";
            case next_step -> "with a dated next step (" + endingId + ")";
            case no_decision -> "without a decision (" + endingId + ")";
            case shut_down -> "with the prospect shutting it down (" + endingId + ")";
        };
    }
}
