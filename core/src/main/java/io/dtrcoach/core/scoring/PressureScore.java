package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.StateVar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * 100 with no coercive move; each {@code pressure.*} move costs its kind's weight times a repetition factor
 * (the 2nd coercive move costs 1.5×, the 3rd 2×…). Ultimatums and peer pressure weigh most; peer pressure
 * doubly so when several people share the decision; controlling language counts lightly. A direct ask is not
 * pressure and costs nothing. Each move's cost is rounded to whole points before it is added (halves up), so the
 * deductions listed in the evidence add up to exactly what the score lost.
 */
final class PressureScore {
    static final Map<String, Integer> WEIGHTS = Map.of(
            MoveLabel.PRESSURE_ULTIMATUM.id(), 25,
            MoveLabel.PRESSURE_PEER.id(), 20,
            MoveLabel.PRESSURE_FALSE_URGENCY.id(), 15,
            MoveLabel.PRESSURE_GUILT.id(), 15,
            MoveLabel.PRESSURE_LEADING.id(), 10,
            MoveLabel.PRESSURE_CONTROLLING.id(), 5);
    static final double REPEAT_STEP = 0.5;
    /** The state variable that marks a scenario with several people in the decision (its start value ≥ 2). */
    static final String STAKEHOLDERS_VAR = "stakeholders";
    private static final Pattern COMMITTEE = Pattern.compile(
            "\\b(committee|stakeholders|steering group|buying group|several decision[- ]makers)\\b");

    private PressureScore() {
    }

    /** The cost of the k-th coercive move (1-based) of this kind. */
    static double cost(String label, int k, boolean severalStakeholders) {
        int base = WEIGHTS.getOrDefault(label, 10);
        if (severalStakeholders && label.equals(MoveLabel.PRESSURE_PEER.id())) {
            base *= 2;
        }
        return base * (1 + REPEAT_STEP * (k - 1));
    }

    /**
     * Several stakeholders: an int state variable {@code stakeholders} starting at 2 or more, or a title, brief or
     * persona that speaks of a committee or stakeholders. (A dedicated {@code brief.stakeholders} field would be
     * cleaner.)
     */
    static boolean severalStakeholders(Scenario s) {
        StateVar v = s.state().get(STAKEHOLDERS_VAR);
        if (v != null && v.type() == StateVar.Type.INT) {
            return v.start() >= 2;
        }
        String brief = String.join(" ", s.title(), s.brief().prospect(), s.brief().situation(), s.brief().objective(),
                s.persona().name(), s.persona().role()).toLowerCase(Locale.ROOT);
        return COMMITTEE.matcher(brief).find();
    }

    static Assessment assess(Conversation c) {
        boolean several = severalStakeholders(c.scenario());
        int k = 0;
        long total = 0;
        List<Evidence> evidence = new ArrayList<>();
        Map<String, List<Integer>> turnsByKind = new LinkedHashMap<>();
        Turn worst = null;
        long worstCost = 0;
        String worstLabel = null;
        for (Turn t : c.turns()) {
            List<String> notes = new ArrayList<>();
            for (Move m : t.moves()) {
                if (!m.isPressure()) {
                    continue;
                }
                k++;
                // an unsure move (under its confidence floor) costs half: the classifier is not sure it was pressure
                long cost = Math.round(cost(m.label(), k, several) * m.weight());
                total += cost;
                notes.add(m.label() + (m.unsure() ? " (unsure)" : "") + " −" + cost
                        + (k > 1 ? " (coercive move #" + k + ")" : ""));
                turnsByKind.computeIfAbsent(kind(m.label()), x -> new ArrayList<>()).add(t.number());
                if (cost > worstCost) {
                    worstCost = cost;
                    worst = t;
                    worstLabel = m.label();
                }
            }
            if (!notes.isEmpty()) {
                evidence.add(c.evidence(t, String.join("; ", notes)));
            }
        }
        int score = Assessment.clamp(100 - total, 0, 100);
        if (k == 0) {
            return new Assessment(new Dimension(score, "No coercive moves: no ultimatums, false urgency, peer "
                    + "pressure, guilt or leading questions, so any answer you got was freely given.", evidence),
                    Optional.empty());
        }
        List<String> where = new ArrayList<>();
        turnsByKind.forEach((kind, turns) -> where.add(kind + " at turn" + TimingScore.plural(turns.size()) + " "
                + joinTurns(turns)));
        String explanation = k + " coercive move" + TimingScore.plural(k) + " (" + String.join(", ", where)
                + ") cost " + total + " points" + (k > 1 ? ", each repeat more than the last" : "")
                + (several && turnsByKind.containsKey("peer pressure")
                ? ", peer pressure counting double with several people in the decision" : "")
                + "; a coerced yes tells you nothing.";
        Assessment.Focus focus = new Assessment.Focus(worst.number(), betterMoves(worstLabel), advice(worstLabel));
        return new Assessment(new Dimension(score, explanation, evidence), Optional.of(focus));
    }

    private static String kind(String label) {
        return switch (label) {
            case "pressure.ultimatum" -> "ultimatum";
            case "pressure.false_urgency" -> "false urgency";
            case "pressure.peer" -> "peer pressure";
            case "pressure.guilt" -> "guilt";
            case "pressure.leading" -> "leading question";
            case "pressure.controlling" -> "controlling language";
            default -> label;
        };
    }

    static List<String> betterMoves(String pressureLabel) {
        return switch (pressureLabel) {
            case "pressure.peer" -> List.of(MoveLabel.DECISION_PROCESS.id());
            case "pressure.leading", "pressure.controlling" -> List.of(MoveLabel.OPEN_QUESTION.id());
            default -> List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id());
        };
    }

    private static String advice(String pressureLabel) {
        return switch (pressureLabel) {
            case "pressure.ultimatum" -> "Drop the ultimatum: make no a safe answer and ask plainly where this stands.";
            case "pressure.false_urgency" ->
                    "Drop the invented deadline: ask where this stands and let a real date come from them.";
            case "pressure.peer" -> "Don't play one stakeholder against another; ask how the decision gets made.";
            case "pressure.guilt" -> "Your effort is not their debt: make no a safe answer and ask where this stands.";
            case "pressure.leading" -> "Ask a real open question instead of one with the answer built in.";
            case "pressure.controlling" -> "Ask what they would like to do instead of telling them what they need to do.";
            default -> "Ask plainly and make no a safe answer.";
        };
    }

    private static String joinTurns(List<Integer> turns) {
        if (turns.size() == 1) {
            return String.valueOf(turns.get(0));
        }
        List<String> s = turns.stream().map(String::valueOf).toList();
        return String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }
}
