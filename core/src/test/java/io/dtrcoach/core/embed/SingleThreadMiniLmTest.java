package io.dtrcoach.core.embed;

import io.dtrcoach.core.classify.ExampleSet;
import io.dtrcoach.core.classify.LabelledLine;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SingleThreadMiniLmTest {
    private final SingleThreadMiniLm model = SingleThreadMiniLm.shared();

    @Test
    void theShortPathGivesTheLibrarysVectorForEveryShippedExample() {
        int compared = 0;
        for (LabelledLine line : ExampleSet.shipped().lines()) {
            String text = line.text().strip().toLowerCase(Locale.ROOT);
            float[] direct = model.embed(text).content().vector();
            assertThat(direct).as(text).containsExactly(model.embedTheLibraryWay(text));
            compared++;
        }
        assertThat(compared).isGreaterThan(400);
    }

    @Test
    void aTextLongerThanTheModelTakesGoesTheLibrarysWayAndStillGivesOneUnitVector() {
        String longText = "we have looked at the numbers again and again with the whole team. ".repeat(60);
        float[] v = model.embed(longText).content().vector();
        assertThat(v).hasSize(384).containsExactly(model.embedTheLibraryWay(longText));
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
