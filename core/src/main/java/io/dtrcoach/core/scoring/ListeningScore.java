package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Turn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the rep let the prospect talk and heard them: open vs closed questions (MITI: open ≥ 50% is good),
 * reflections against questions (MITI's reflection:question ratio: 1:1 fair, 2:1 good; summaries count as
 * reflections), rep talk share (Gong: ~43% is ideal, above 65% hurts), the longest rep monologue, and summaries
 * that reflect the prospect's own words.
 */
final class ListeningScore {
    static final double W_QUESTIONS = 0.30;
    static final double W_REFLECTIONS = 0.25;
    static final double W_TALK = 0.20;
    static final double W_MONOLOGUE = 0.10;
    static final double W_SUMMARY = 0.15;
    static final int NO_REFLECTIONS = 30;
    static final int NO_QUESTIONS = 30;
    static final int NO_SUMMARY = 40;
    static final int LONG_MONOLOGUE_WORDS = 60;
    /** A summary whose content words are this share of the prospect's words reflects fully. */
    static final double FULL_REFLECTION = 0.4;
    private static final int MAX_CLOSED_EVIDENCE = 3;

    private ListeningScore() {
    }

    /** MITI: at least half the questions open is good; all closed is poor. */
    static int questionScore(int open, int closed) {
        if (open + closed == 0) {
            return NO_QUESTIONS;
        }
        double share = (double) open / (open + closed);
        return share >= 0.5 ? 100 : Assessment.clamp(20 + 160 * share, 0, 100);
    }

    /** Gong: 30–50% rep talk is full marks, falling to 20 at 65% and 0 at 80%; a near-silent rep loses a little. */
    static int talkScore(double share) {
        if (share < 0.30) {
            return 80;
        }
        if (share <= 0.50) {
            return 100;
        }
        if (share <= 0.65) {
            return Assessment.clamp(100 - (share - 0.50) / 0.15 * 80, 0, 100);
        }
        return Assessment.clamp(20 - (share - 0.65) / 0.15 * 20, 0, 100);
    }

    /**
     * MITI's reflection:question ratio, read for a sales call (where questions carry more of the work than in
     * counselling): 1:2 or better is full marks, none at all is {@value #NO_REFLECTIONS}.
     */
    static int reflectionScore(double reflections, int questions) {
        if (reflections == 0) {
            return NO_REFLECTIONS;
        }
        double ratio = reflections / Math.max(1, questions);
        return Assessment.clamp(60 + 40 * Math.min(1, ratio / 0.5), 0, 100);
    }

    static int monologueScore(int words) {
        return words <= LONG_MONOLOGUE_WORDS ? 100 : Assessment.clamp(100 - (words - LONG_MONOLOGUE_WORDS) * 0.8, 0, 100);
    }

    /** The share of a summary's content words that the prospect had said before it. */
    static double reflection(String summary, String prospectSoFar) {
        return reflection(summary, Words.content(prospectSoFar));
    }

    static double reflection(String summary, Set<String> prospectContent) {
        Set<String> said = Words.content(summary);
        if (said.isEmpty()) {
            return 0;
        }
        Set<String> heard = new HashSet<>(said);
        heard.retainAll(prospectContent);
        return (double) heard.size() / said.size();
    }

    static Assessment assess(Conversation c) {
        List<Evidence> evidence = new ArrayList<>();
        int open = 0;
        int closed = 0;
        Turn firstClosed = null;
        int closedShown = 0;
        for (Turn t : c.turns()) {
            Conversation.Asked a = c.asked(t);
            open += a.open();
            closed += a.closed();
            if (a.closed() > 0) {
                if (firstClosed == null) {
                    firstClosed = t;
                }
                if (closedShown++ < MAX_CLOSED_EVIDENCE) {
                    evidence.add(c.evidence(t, "closed question"));
                }
            }
        }
        int repWords = c.repWords();
        int allWords = repWords + c.prospectWords();
        double share = allWords == 0 ? 0 : (double) repWords / allWords;
        Optional<Turn> longest = c.turns().stream()
                .max(Comparator.comparingInt((Turn t) -> c.line(t).repWords()).thenComparing(t -> -t.number()));
        int monologue = longest.map(t -> c.line(t).repWords()).orElse(0);
        if (monologue > LONG_MONOLOGUE_WORDS) {
            evidence.add(c.evidence(longest.get(), "monologue of " + monologue + " words"));
        }

        double bestReflection = -1;
        Turn bestSummary = null;
        for (Turn t : c.turns()) {
            if (!t.hasMove(MoveLabel.SUMMARY.id())) {
                continue;
            }
            double r = reflection(t.rep(), c.prospectContentBefore(t));
            evidence.add(c.evidence(t, String.format(java.util.Locale.ROOT,
                    "summary reflecting %d%% of its content words from what %s said", Math.round(r * 100),
                    c.prospectName())));
            if (r > bestReflection) {
                bestReflection = r;
                bestSummary = t;
            }
        }
        double reflections = 0;
        for (Turn t : c.turns()) {
            for (Move m : t.moves()) {
                if (m.label().equals(MoveLabel.REFLECTION.id()) || m.label().equals(MoveLabel.SUMMARY.id())) {
                    reflections += m.weight();
                    if (m.label().equals(MoveLabel.REFLECTION.id())) {
                        evidence.add(c.evidence(t, "reflection" + (m.unsure() ? " (unsure)" : "")));
                    }
                    break;
                }
            }
        }
        int reflect = reflectionScore(reflections, open + closed);
        int q = questionScore(open, closed);
        int talk = talkScore(share);
        int mono = monologueScore(monologue);
        int summary = bestSummary == null ? NO_SUMMARY
                : Assessment.clamp(60 + 40 * Math.min(1, bestReflection / FULL_REFLECTION), 0, 100);
        int score = c.isEmpty() ? 0 : Assessment.clamp(
                W_QUESTIONS * q + W_REFLECTIONS * reflect + W_TALK * talk + W_MONOLOGUE * mono
                        + W_SUMMARY * summary, 0, 100);
        evidence.sort(Comparator.comparingInt(Evidence::turn));

        int questions = open + closed;
        String explanation = (questions == 0 ? "You asked no questions"
                : open + " of " + questions + " questions were open (" + Math.round(100.0 * open / questions) + "%)")
                + ", you spoke " + Math.round(share * 100) + "% of the words, your longest turn was " + monologue
                + " words, you reflected back what " + c.prospectName() + " said "
                + (reflections == 0 ? "never" : Math.round(reflections) + " time" + (Math.round(reflections) == 1 ? "" : "s"))
                + ", and " + (bestSummary == null ? "you never summarised what " + c.prospectName() + " said."
                : "your best summary (turn " + bestSummary.number() + ") reflected "
                + (bestReflection >= FULL_REFLECTION / 2 ? "what " + c.prospectName() + " had said."
                : "little of what " + c.prospectName() + " had said."));

        Optional<Assessment.Focus> focus = Optional.empty();
        if (q < 70 && firstClosed != null) {
            focus = Optional.of(new Assessment.Focus(firstClosed.number(), List.of(MoveLabel.OPEN_QUESTION.id()),
                    "Ask an open question (what/how) so that " + c.prospectName() + " does the talking."));
        } else if ((mono < 70 || talk < 70) && longest.isPresent()) {
            focus = Optional.of(new Assessment.Focus(longest.get().number(), List.of(MoveLabel.OPEN_QUESTION.id()),
                    "Say less and ask more: stop after one point and hand the floor over with a question."));
        } else if (reflect < 70) {
            Turn target = afterLongestReply(c).orElse(null);
            if (target != null) {
                focus = Optional.of(new Assessment.Focus(target.number(), List.of(MoveLabel.REFLECTION.id()),
                        "Say back what " + c.prospectName() + " means before asking the next question."));
            }
        } else if (summary < 70) {
            Turn target = bestSummary != null ? bestSummary : afterLongestReply(c).orElse(null);
            if (target != null) {
                focus = Optional.of(new Assessment.Focus(target.number(), List.of(MoveLabel.SUMMARY.id()),
                        "Play back what " + c.prospectName() + " told you, in their words, and check you got it right."));
            }
        } else if (q < 70) {
            focus = c.turns().stream().findFirst().map(t -> new Assessment.Focus(t.number(),
                    List.of(MoveLabel.OPEN_QUESTION.id()), "Ask open questions; they are how you learn what is going on."));
        }
        return new Assessment(new Dimension(score, explanation, evidence), focus);
    }

    /** The rep turn right after the prospect's longest reply: where a summary would have landed best. */
    private static Optional<Turn> afterLongestReply(Conversation c) {
        List<Turn> turns = c.turns();
        int best = -1;
        int bestWords = -1;
        for (int i = 0; i < turns.size() - 1; i++) {
            int w = c.line(turns.get(i)).prospectWords();
            if (w > bestWords) {
                bestWords = w;
                best = i;
            }
        }
        return best < 0 ? c.last() : Optional.of(turns.get(best + 1));
    }
}
