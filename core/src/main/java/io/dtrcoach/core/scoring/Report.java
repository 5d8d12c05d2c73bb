package io.dtrcoach.core.scoring;

import java.util.List;
import java.util.Map;

/**
 * The scored report of one conversation. Serialises with Jackson as-is (register {@code Jdk8Module} for the
 * {@code Optional} fields); {@code dimensions} keeps the order timing, pressure, autonomy, listening, outcome.
 *
 * @param opening    the prospect's first line
 * @param timing     the window and the turn of the first DTR ask, for charts and links
 * @param overall    the rubric-weighted score, 0–100
 * @param passed     {@code overall >= pass} and the call reached a success ending ({@link OutcomeSummary#success()})
 * @param pass       the scenario's pass mark
 * @param dimensions score, explanation and evidence per dimension
 * @param coaching   one suggestion per weak dimension (score below {@link Scorer#WEAK_BELOW}), in dimension order
 */
public record Report(String scenarioId, int overall, boolean passed, int pass, Map<String, Dimension> dimensions,
                     Delivery delivery, OutcomeSummary outcome, TimingSummary timing, String opening,
                     List<TurnView> turns, List<Coaching> coaching) {
    public Report {
        dimensions = io.dtrcoach.core.state.ProspectState.orderedCopy(dimensions);
        turns = List.copyOf(turns);
        coaching = List.copyOf(coaching);
    }
}
