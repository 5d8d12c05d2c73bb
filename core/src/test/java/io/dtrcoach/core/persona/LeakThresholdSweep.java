package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.persona.FactSimilarity.Basis;
import io.dtrcoach.core.persona.LeakSet.Figures;
import io.dtrcoach.core.persona.LeakSet.Row;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;


/**
 * Chooses the check of meaning's basis and threshold on the development set {@code leaks/l1.tsv}, and prints the sweep:
 * for each basis, the whole guard's precision, recall and F1 on l1 at each threshold from 0.00 to 0.90 by 0.01 (a reply
 * counts as caught when its words name the fact or any sentence reaches the threshold). The choice, fixed before the
 * sweep was first run: the highest F1; on a tie the higher threshold (fewer innocent replies lost), then the simpler
 * basis. l2 plays no part. {@code LeakSetTest} checks that {@link FactSimilarity}'s constants are this choice.
 *
 * <pre>./mvnw -B -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dtrcoach.core.persona.LeakThresholdSweep</pre>
 */
public final class LeakThresholdSweep {
    static final int FROM = 0;
    static final int TO = 90;

    record Choice(Basis basis, double threshold, Figures figures) {
    }

    /** A row's two readings: whether its words name the fact, and its best sentence's similarity to it. */
    record Scored(Row row, boolean words, double best) {
        boolean caught(double threshold) {
            return words || best >= threshold;
        }
    }

    private LeakThresholdSweep() {
    }

    public static void main(String[] args) {
        List<Row> rows = LeakSet.read("l1");
        Choice c = choose(rows, TextEmbedder.create(), System.out);
        System.out.printf("%nchosen: basis %s, threshold %.2f: %s%n", c.basis(), c.threshold(), c.figures());
        System.out.printf("words alone: %s%n", Figures.of(rows, r -> wordsName(r)));
    }

    static Choice choose(List<Row> rows, TextEmbedder embedder, PrintStream out) {
        Choice best = null;
        for (Basis basis : Basis.values()) {
            List<Scored> scored = score(rows, embedder, basis);
            out.printf("%nbasis %s%n  t     precision recall  F1%n", basis);
            for (int t = FROM; t <= TO; t++) {
                double threshold = t / 100.0;
                Figures f = figures(scored, threshold);
                out.printf("  %.2f  %.3f     %.3f   %.3f%n", threshold, f.precision(), f.recall(), f.f1());
                // strictly better F1, or equal F1 at a higher threshold; bases in order, so the simpler wins a full tie
                if (best == null || f.f1() > best.figures().f1() + 1e-12
                        || Math.abs(f.f1() - best.figures().f1()) <= 1e-12 && threshold > best.threshold()) {
                    best = new Choice(basis, threshold, f);
                }
            }
        }
        return best;
    }

    static List<Scored> score(List<Row> rows, TextEmbedder embedder, Basis basis) {
        List<Scored> out = new ArrayList<>();
        for (Row r : rows) {
            FactSimilarity similarity = FactSimilarity.create(r.scenario(), embedder, basis, 1.0);
            double best = -9;
            for (String sentence : FactSimilarity.sentences(r.reply())) {
                if (!io.dtrcoach.core.scenario.Words.of(sentence).isEmpty()) {
                    best = Math.max(best, similarity.score(sentence, r.fact(), r.revealed()));
                }
            }
            out.add(new Scored(r, wordsName(r), best));
        }
        return out;
    }

    static Figures figures(List<Scored> scored, double threshold) {
        java.util.IdentityHashMap<Row, Boolean> caught = new java.util.IdentityHashMap<>();
        scored.forEach(s -> caught.put(s.row(), s.caught(threshold)));
        return Figures.of(scored.stream().map(Scored::row).toList(), caught::get);
    }

    /** The guard's word check, with only the row's fact locked. */
    static boolean wordsName(Row r) {
        ReplyGuard.Verdict v = ReplyGuard.wordsOnly(r.scenario()).check(r.reply(), r.revealed());
        return v instanceof ReplyGuard.Verdict.Rejected x && x.reason() == ReplyGuard.Reason.LOCKED_FACT;
    }
}
