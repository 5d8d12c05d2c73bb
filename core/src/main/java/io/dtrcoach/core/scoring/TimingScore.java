package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.scenario.Timing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When the first DTR ask came against the scenario's window and the prospect's readiness at that moment.
 * An up-front contract (Sandler) helps; asking right after raising defensiveness hurts (MI discord); waiting
 * costs more the longer it goes on; never asking is worst.
 */
final class TimingScore {
    static final int IN_WINDOW = 90;
    static final int UP_FRONT_BONUS = 10;
    static final int NOT_READY = 25;
    static final int AFTER_SPIKE = 15;
    static final int EARLY_READY_PER_TURN = 5;
    static final int EARLY_NOT_READY = 10;
    static final int FLOOR_WHEN_ASKED = 15;
    static final int NEVER_ASKED = 5;
    static final String DEFENSIVENESS = "defensiveness";
    /**
     * Bool state variables that record an agreed agenda or up-front contract, by name or description
     * ({@code agenda_agreed}, {@code no_is_safe}, "made 'not yet' an acceptable answer").
     */
    private static final Pattern AGENDA_VAR = Pattern.compile(
            "agenda|contract|up.?front|permission|no_is_safe|no_safe|acceptable", Pattern.CASE_INSENSITIVE);

    private TimingScore() {
    }

    /** Lateness costs 10 points per turn plus 2 per turn squared: one turn late −12, three −48. */
    static int latePenalty(int turnsLate) {
        return 10 * turnsLate + 2 * turnsLate * turnsLate;
    }

    static Assessment assess(Conversation c) {
        Timing timing = c.scenario().timing();
        String window = "turns " + timing.fromTurn() + "–" + timing.toTurn();
        Optional<Turn> ask = c.firstAsk();
        Optional<Evidence> contract = upFrontContract(c, ask);
        String name = c.prospectName();
        List<Evidence> evidence = new ArrayList<>();

        if (ask.isEmpty()) {
            contract.ifPresent(evidence::add);
            Optional<Turn> moment = firstReadyInWindow(c, Integer.MAX_VALUE)
                    .or(() -> c.turn(timing.toTurn()))
                    .or(c::last);
            moment.ifPresent(t -> evidence.add(c.evidence(t, c.readyBefore(t)
                    ? "no ask; " + name + " was ready here (" + c.quoteReadiness(t.stateBefore()) + ")"
                    : "no ask by the end of the window (" + window + ")")));
            evidence.sort(Comparator.comparingInt(Evidence::turn));
            int score = NEVER_ASKED + (contract.isPresent() ? UP_FRONT_BONUS / 2 : 0);
            String explanation = "You never asked where this stands (the window was " + window
                    + "), so the call could not reach an honest answer.";
            Optional<Assessment.Focus> focus = moment.map(t -> new Assessment.Focus(t.number(),
                    List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id()),
                    "Ask plainly where this is going, inside the window and while " + name
                            + " is at ease, and make no a safe answer."));
            return new Assessment(new Dimension(score, explanation, evidence), focus);
        }

        Turn t = ask.get();
        int n = t.number();
        boolean ready = c.readyBefore(t);
        String readiness = c.quoteReadiness(t.stateBefore());
        int score = IN_WINDOW;
        StringBuilder why = new StringBuilder("You first asked at turn ").append(n);
        String position;
        if (n < timing.fromTurn()) {
            int early = timing.fromTurn() - n;
            score -= ready ? EARLY_READY_PER_TURN * early : EARLY_NOT_READY + EARLY_READY_PER_TURN * early;
            position = early + " turn" + plural(early) + " before the window (" + window + ") opened";
        } else if (n > timing.toTurn()) {
            int late = n - timing.toTurn();
            score -= latePenalty(late);
            position = late + " turn" + plural(late) + " after the window (" + window + ") closed";
        } else {
            position = "inside the window (" + window + ")";
        }
        why.append(", ").append(position);
        if (ready) {
            why.append(", while ").append(name).append(" was ready (").append(readiness).append(")");
        } else {
            score -= NOT_READY;
            why.append(", while ").append(name).append(" was not ready (").append(readiness).append(")");
        }
        String kind = t.hasMove(MoveLabel.DTR_ASK.id()) ? "first DTR ask, "
                : c.topicAsk(t).map(topic -> "first DTR ask (" + topic + ", this scenario's ask), ")
                .orElse("first DTR ask (permission to say no with a question), ");
        evidence.add(c.evidence(t, kind + position + "; " + (ready ? "ready" : "not ready") + " (" + readiness + ")"));

        Optional<Spike> spike = c.previous(t).flatMap(TimingScore::spikeIn);
        if (spike.isPresent()) {
            score -= AFTER_SPIKE;
            evidence.add(c.evidence(c.previous(t).orElseThrow(), spike.get().note()));
            why.append(", right after ").append(spike.get().pressure() ? "pushing " + name
                    : name + "'s defensiveness rose");
        }
        if (contract.isPresent()) {
            score += UP_FRONT_BONUS;
            evidence.add(contract.get());
            why.append("; agreeing up front that no was an acceptable answer helped");
        }
        why.append('.');
        evidence.sort(Comparator.comparingInt(Evidence::turn));
        int finalScore = Assessment.clamp(score, FLOOR_WHEN_ASKED, 100);

        Optional<Assessment.Focus> focus;
        if ((!ready || spike.isPresent()) && t.hasMove(MoveLabel.PERMISSION_NO.id())) {
            // They had already made no a safe answer: what was missing is the prospect's readiness.
            focus = Optional.of(new Assessment.Focus(n, List.of(MoveLabel.OPEN_QUESTION.id()),
                    name + " was " + (ready ? "just pushed" : "not ready (" + readiness + ")")
                            + " when you asked; making no a safe answer was right, but lower the temperature first: "
                            + "ask what has changed for them and listen, then ask."));
        } else if (!ready || spike.isPresent()) {
            focus = Optional.of(new Assessment.Focus(n,
                    List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id()),
                    name + " was " + (ready ? "just pushed" : "not ready (" + readiness + ")")
                            + " when you asked; lower the temperature first by making no a safe answer, then ask."));
        } else if (n > timing.toTurn()) {
            Turn moment = firstReadyInWindow(c, n).or(() -> c.turn(timing.toTurn())).orElse(t);
            focus = Optional.of(new Assessment.Focus(moment.number(), List.of(MoveLabel.DTR_ASK.id()),
                    "Ask sooner: by turn " + moment.number() + " the moment had come, and every turn you wait makes the "
                            + "question harder to ask and the answer less honest."));
        } else {
            focus = Optional.of(new Assessment.Focus(n, List.of(MoveLabel.PERMISSION_NO.id(), MoveLabel.DTR_ASK.id()),
                    "Set an up-front contract early: agree what the call should decide and that no is a fine answer."));
        }
        return new Assessment(new Dimension(finalScore, why.toString(), evidence), focus);
    }

    /** A note when this turn raised the prospect's defensiveness or pushed them. */
    /** What made the turn before the ask a bad moment: pressure by the rep, else rising defensiveness. */
    private record Spike(String note, boolean pressure) {
    }

    private static Optional<Spike> spikeIn(Turn prev) {
        List<String> pressure = prev.moves().stream().filter(Move::isPressure).map(Move::label).toList();
        if (!pressure.isEmpty()) {
            return Optional.of(new Spike("pressure the turn before the ask (" + String.join(", ", pressure) + ")",
                    true));
        }
        Integer before = prev.stateBefore().get(DEFENSIVENESS);
        Integer after = prev.stateAfter().get(DEFENSIVENESS);
        if (before != null && after != null && after > before) {
            return Optional.of(new Spike("defensiveness rose " + before + " → " + after + " the turn before the ask",
                    false));
        }
        return Optional.empty();
    }

    /**
     * Permission to say no, or an agenda/contract flag turning true, in the first turns (up to the window's start,
     * at least the first two), no later than the ask and before any pressure: permission offered after a push is
     * repair, not an up-front contract.
     */
    private static Optional<Evidence> upFrontContract(Conversation c, Optional<Turn> ask) {
        int limit = Math.max(2, c.scenario().timing().fromTurn());
        if (ask.isPresent()) {
            limit = Math.min(limit, ask.get().number());
        }
        limit = Math.min(limit, c.firstPressureTurn() - 1);
        List<String> agendaVars = c.scenario().state().values().stream()
                .filter(v -> v.type() == StateVar.Type.BOOL && (AGENDA_VAR.matcher(v.name()).find()
                        || (v.description() != null && AGENDA_VAR.matcher(v.description()).find())))
                .map(StateVar::name).toList();
        for (Turn t : c.turns()) {
            if (t.number() > limit) {
                break;
            }
            if (t.hasMove(MoveLabel.PERMISSION_NO.id())) {
                return Optional.of(c.evidence(t, "up-front contract: permission to say no"));
            }
            for (String v : agendaVars) {
                if (t.stateBefore().getOrDefault(v, 0) == 0 && t.stateAfter().getOrDefault(v, 0) != 0) {
                    return Optional.of(c.evidence(t, "up-front contract: " + v + " became true"));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Turn> firstReadyInWindow(Conversation c, int before) {
        Timing timing = c.scenario().timing();
        return c.turns().stream()
                .filter(t -> t.number() >= timing.fromTurn() && t.number() <= timing.toTurn() && t.number() < before)
                .filter(c::readyBefore)
                .findFirst();
    }

    static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
