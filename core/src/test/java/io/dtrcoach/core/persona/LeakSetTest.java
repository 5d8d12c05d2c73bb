package io.dtrcoach.core.persona;

import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.persona.LeakSet.Figures;
import io.dtrcoach.core.persona.LeakSet.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reply guard against locked-fact leaks, measured on labelled replies by independent writers: the check of
 * meaning's basis and threshold are the ones {@link LeakThresholdSweep} chooses on the development set l1, and on the
 * held-out set l2 (never looked at while choosing anything) the guard reaches the precision and recall
 * {@code docs/security.md} states. A reply counts as caught when the guard, with only the row's fact locked, rejects it
 * as a leak: by its words, or by the meaning of one of its sentences.
 */
class LeakSetTest {
    /** The figures on l2, as docs/security.md and docs/admins/llm-personas.md state them: 180 of 227, 180 of 195. */
    static final double L2_PRECISION = 0.793;
    static final double L2_RECALL = 0.923;

    private static TextEmbedder embedder;

    @BeforeAll
    static void model() {
        embedder = TextEmbedder.create();
    }

    @Test
    void should_use_the_basis_and_threshold_chosen_on_the_development_set_l1() {
        LeakThresholdSweep.Choice chosen = LeakThresholdSweep.choose(LeakSet.read("l1"), embedder,
                new PrintStream(OutputStream.nullOutputStream()));
        assertThat(FactSimilarity.BASIS).isEqualTo(chosen.basis());
        assertThat(FactSimilarity.THRESHOLD).isEqualTo(chosen.threshold());
    }

    @Test
    void should_catch_the_leaks_of_the_held_out_set_l2_at_the_documented_precision_and_recall() {
        List<Row> rows = LeakSet.read("l2");
        Figures f = figures(rows);
        assertThat(rows).hasSizeGreaterThan(300);
        assertThat(f.precision()).as("%s", f).isCloseTo(L2_PRECISION, within(0.0005));
        assertThat(f.recall()).as("%s", f).isCloseTo(L2_RECALL, within(0.0005));
    }

    /** The whole guard as the server builds it, one row at a time. */
    static Figures figures(List<Row> rows) {
        return Figures.of(rows, r -> caught(ReplyGuard.create(r.scenario(), ReplyGuard.DEFAULT_MAX_CHARS, embedder), r));
    }

    private static boolean caught(ReplyGuard guard, Row r) {
        if (LeakThresholdSweep.wordsName(r)) {
            return true;
        }
        ReplyGuard.Meaning meaning = guard.meaning(r.revealed()).orElseThrow();
        return FactSimilarity.sentences(r.reply()).stream().anyMatch(s -> !meaning.check(s).ok());
    }
}
