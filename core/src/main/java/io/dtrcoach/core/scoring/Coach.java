package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/**
 * Turns a weak dimension's focus into a suggestion: a good line for each move the rep should have made there, the
 * one closest in meaning to what the rep said. Candidates, in turn: the scenario's own examples and the phrasebook's
 * lines at least {@code minSimilarity} alike to what the rep said (a line further off is about something else, often
 * another prospect's situation: "The 18th is fine for the legal walkthrough" offered to a rep who asked where the deal
 * stands); then the built-in generic lines. A line already suggested in the report is used again only when nothing
 * else is left.
 */
final class Coach {
    private final Phrasebook phrasebook;
    private final ToDoubleBiFunction<String, String> similarity;
    private final double minSimilarity;

    Coach(Phrasebook phrasebook, ToDoubleBiFunction<String, String> similarity, double minSimilarity) {
        this.phrasebook = phrasebook;
        this.similarity = similarity;
        this.minSimilarity = minSimilarity;
    }

    /**
     * @param used lines already suggested in this report; another line is preferred so that two weak dimensions
     *             pointing at the same moment do not repeat each other. Suggested lines are added to it.
     */
    Optional<Coaching> advise(Conversation c, String dimension, Assessment.Focus focus, Set<String> used) {
        Optional<Turn> turn = c.turn(focus.turn());
        if (turn.isEmpty()) {
            return Optional.empty();
        }
        String said = turn.get().rep();
        Phrasebook scenario = scenarioLines(c);
        Stakeholders roles = new Stakeholders(c.scenario());
        List<String> parts = new ArrayList<>();
        List<String> moves = fitting(c, toSuggest(turn.get(), focus.moves()));
        for (String label : moves) {
            List<String> matched = new ArrayList<>(scenario.linesFor(label));
            for (String line : phrasebook.linesFor(label)) {
                if (!matched.contains(line) && roles.fits(line) && similarity.applyAsDouble(said, line) >= minSimilarity) {
                    matched.add(line);
                }
            }
            List<String> generic = Phrasebook.builtIn().linesFor(label).stream().filter(roles::fits).toList();
            closest(said, fresh(matched, used)).or(() -> closest(said, fresh(generic, used)))
                    .or(() -> closest(said, matched.isEmpty() ? generic : matched))
                    .ifPresent(line -> {
                        parts.add(line);
                        used.add(line);
                    });
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Coaching(dimension, focus.turn(), said, String.join(" ", parts), moves, focus.why()));
    }

    /**
     * The moves that fit the moment: after a call that ended with a clean no the scenario counts as its lesson, no
     * next step is suggested (walking away was the point).
     */
    static List<String> fitting(Conversation c, List<String> moves) {
        boolean cleanNo = c.transcript().ending().map(id -> c.scenario().endings().get(id))
                .filter(e -> e.success() && e.outcome() == io.dtrcoach.core.scenario.Ending.Outcome.no).isPresent();
        return cleanNo ? moves.stream().filter(m -> !m.equals(io.dtrcoach.core.classify.MoveLabel.NEXT_STEP.id()))
                .toList() : moves;
    }

    private static List<String> fresh(List<String> lines, Set<String> used) {
        return lines.stream().filter(l -> !used.contains(l)).toList();
    }

    /**
     * The focus's moves less those the rep already made at that turn, so that the suggestion does not repeat what
     * they did ("It's fine to say no" to a rep who said just that). A line that also coerced is rewritten whole: its
     * ask or permission came with pressure attached. When the rep made every move already, all are kept.
     */
    static List<String> toSuggest(Turn turn, List<String> moves) {
        if (turn.moves().stream().anyMatch(io.dtrcoach.core.classify.Move::isPressure)) {
            return moves;
        }
        List<String> missing = moves.stream().filter(label -> !turn.hasMove(label)).toList();
        return missing.isEmpty() ? moves : missing;
    }

    /** The scenario's own coaching lines come first: they speak to this prospect's situation. */
    private static Phrasebook scenarioLines(Conversation c) {
        Map<String, List<String>> lines = c.scenario().coaching();
        return label -> lines.getOrDefault(label, List.of());
    }

    /** The most similar line; on a tie, the earlier one, so that the choice never varies between runs. */
    private Optional<String> closest(String said, List<String> lines) {
        String best = null;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (String line : lines) {
            double s = similarity.applyAsDouble(said, line);
            if (s > bestSim) {
                bestSim = s;
                best = line;
            }
        }
        return Optional.ofNullable(best);
    }
}
