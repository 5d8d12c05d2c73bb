package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds topic intents that are really a shared move under another name: when the shared classifier reads most of an
 * intent's examples as one generic act (making no safe, rapport, a pitch, pressure…), the intent redefines that move
 * and should be {@code match: {move: …}} instead, so that persona and report judge the line alike. Topic-like moves
 * (asking where it stands, the decision process, questions) overlap with real topics, so only a near-unanimous
 * reading of {@code dtr_ask} counts, and questions and next steps never do.
 */
public final class SharedMoveCheck {
    /** The share of an intent's examples read as one generic act that makes it a redefinition. */
    static final double GENERIC_SHARE = 0.7;
    /** The same for {@code dtr_ask}, which topics about the deal itself come close to. */
    static final double ASK_SHARE = 0.9;
    private static final Set<MoveLabel> NEVER = EnumSet.of(MoveLabel.OPEN_QUESTION, MoveLabel.CLOSED_QUESTION,
            MoveLabel.DECISION_PROCESS, MoveLabel.NEXT_STEP, MoveLabel.OTHER);

    private final MoveClassifier classifier;

    public SharedMoveCheck(MoveClassifier classifier) {
        this.classifier = classifier;
    }

    /** Warnings at each offending intent's id, in file order. */
    public List<Problem> check(Scenario scenario) {
        List<Problem> out = new ArrayList<>();
        for (Intent intent : scenario.intents().values()) {
            if (intent.examples().size() < 3) {
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String example : intent.examples()) {
                classifier.classify(example).stream().filter(m -> !m.unsure()).map(Move::label)
                        .map(l -> MoveLabel.isPressure(l) ? MoveLabel.PRESSURE : l).distinct()
                        .forEach(l -> counts.merge(l, 1, Integer::sum));
            }
            counts.forEach((label, n) -> {
                if (MoveLabel.fromId(label).filter(NEVER::contains).isPresent()) {
                    return;
                }
                double share = (double) n / intent.examples().size();
                double bar = label.equals(MoveLabel.DTR_ASK.id()) ? ASK_SHARE : GENERIC_SHARE;
                if (share >= bar) {
                    out.add(Problem.warning(intent.location(), "intent '" + intent.id() + "' looks like the shared move '"
                            + label + "' (" + n + " of its " + intent.examples().size() + " examples are read as "
                            + label + "); if it is not about a topic of this scenario, match {move: " + label
                            + "} instead, so that the persona and the report judge the line alike"));
                }
            });
        }
        return out;
    }
}
