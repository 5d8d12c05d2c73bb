package io.dtrcoach.core.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a turn of several sentences gets its logits (MoveModel.combine): acts by the highest over its rows, pressure
 * by the whole turn unless one sentence is pressure by more than the margin; and the shipped classifier on the two
 * turns the rule is for.
 */
class TurnPressureTest {
    private static final int ASK = MoveLabel.DTR_ASK.ordinal();
    private static final int ANY = MoveModel.ANY_PRESSURE;
    private static final int URGENCY = MoveLabel.PRESSURE_FALSE_URGENCY.ordinal();

    private static double[] row(double ask, double pressure) {
        double[] z = new double[MoveModel.ROWS];
        java.util.Arrays.fill(z, -5);
        z[ASK] = ask;
        z[ANY] = pressure;
        z[URGENCY] = pressure;
        return z;
    }

    @Test
    void acts_come_from_any_sentence_and_pressure_from_the_whole_unless_a_sentence_is_plainly_pressure() {
        // two sentences, then the whole turn
        double[][] blunt = {row(4, -4), row(3, 1), row(4, -2)};
        double[] safe = MoveModel.combine(blunt, MoveModel.SENTENCE_PRESSURE_MARGIN);
        assertThat(safe[ASK]).isEqualTo(4);
        assertThat(safe[ANY]).as("a mildly pushy sentence in a safe turn: the whole decides").isEqualTo(-2);

        double[][] deadline = {row(4, -4), row(-3, 6), row(1, 0)};
        double[] masked = MoveModel.combine(deadline, MoveModel.SENTENCE_PRESSURE_MARGIN);
        assertThat(masked[ANY]).as("a deadline diluted in the whole still counts")
                .isEqualTo(6 - MoveModel.SENTENCE_PRESSURE_MARGIN);
        assertThat(masked[URGENCY]).isEqualTo(6 - MoveModel.SENTENCE_PRESSURE_MARGIN);

        assertThat(MoveModel.combine(deadline, 0)[ANY]).as("margin 0 is the highest over sentences").isEqualTo(6);
        assertThat(MoveModel.combine(deadline, Double.POSITIVE_INFINITY)[ANY]).as("an infinite margin: whole only")
                .isEqualTo(0);
        double[][] one = {row(2, 3)};
        assertThat(MoveModel.combine(one, MoveModel.SENTENCE_PRESSURE_MARGIN)[ANY])
                .as("one sentence is its own whole").isEqualTo(3);
    }

    @Test
    void the_shipped_classifier_hears_a_deadline_behind_a_safe_no_but_not_a_blunt_ask_behind_one() {
        MoveClassifier c = SharedClassifier.classifier();
        assertThat(c.classify("Honestly, where do things stand? It's fine if it's a no, but this price only holds "
                + "until Friday.").stream().map(Move::label)).anyMatch(MoveLabel::isPressure);
        assertThat(c.classify("It's fine if it's a no. Where are we?").stream().map(Move::label))
                .contains("permission_no", "dtr_ask").noneMatch(MoveLabel::isPressure);
    }
}
