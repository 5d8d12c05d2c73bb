package io.dtrcoach.core.scoring;

import java.util.OptionalDouble;

/**
 * Plain delivery figures, not scores (MITI and Gong anchors in RESEARCH.md).
 *
 * @param questions             rep turns that asked a question (a turn with both an open and a closed one counts twice)
 * @param openQuestions         open questions ("what…", "how…")
 * @param closedQuestions       closed questions, leading ones included
 * @param openQuestionPercent   open share of all questions; MITI counts ≥ 50 as good
 * @param openClosedRatio       open ÷ closed; empty when no closed question was asked
 * @param repTalkSharePercent   rep words ÷ all words (the prospect's opening included); ~43 is ideal, > 65 is bad
 * @param longestMonologueWords the longest single rep turn, in words
 * @param repWords              words the rep said
 * @param prospectWords         words the prospect said, opening included
 * @param summaries             turns that summarised what the prospect said
 * @param turns                 rep turns taken
 */
public record Delivery(int questions, int openQuestions, int closedQuestions, int openQuestionPercent,
                       OptionalDouble openClosedRatio, int repTalkSharePercent, int longestMonologueWords,
                       int repWords, int prospectWords, int summaries, int turns) {
}
