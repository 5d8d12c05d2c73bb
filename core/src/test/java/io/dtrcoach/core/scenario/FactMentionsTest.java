package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FactMentionsTest {
    /** The shape of stalled-after-demos' first fact. */
    private static final Fact INCUMBENT = new Fact("incumbent_leverage",
            "Her VP, Raj Mehta, told her to take the pricing to the incumbent, whose contract renews on 31 January.",
            new Condition("true", c -> true, Location.unknown("test")), List.of("incumbent", "leverage", "renewal", "bundle", "31 January", "Raj", "Harrow",
            "pen test", "data processing agreement", "nine working days"), Location.unknown("test"));

    private static List<String> found(String text) {
        return FactMentions.find(text, INCUMBENT).stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "It's Raj's plan, not mine.",
            "It's Raj\u2019s plan, not mine.",
            "We have to look at the incumbent's contract first.",
            "The incumbents' offers are in.",
            "They bundled something similar.",
            "Two renewals are due.",
            "We're leveraging your quote.",
            "Everything changes on January 31st.",
            "Everything changes on the 31st of January.",
            "Everything changes on the thirty-first of January.",
            "Everything changes on 31/01.",
            "Everything changes on Jan. 31.",
            "Ask R\u200Baj.",
            "Ask R\u200C\u200Daj.",
            "The in\u00ADcumbent again.",
            "Ask \uFF32\uFF41\uFF4A.",
            "Ask Ra\u0301j.",
            "Ask R\u0101j.",
            "Ask Harrow's manager.",
            "Send the pentest summary.",
            "Send the pen-test summary.",
            "Send your DPA first.",
            "Send your D.P.A. first.",
            "Close takes 9 working days."})
    void should_find_a_giveaway_in_its_common_variants(String text) {
        assertThat(FactMentions.find(text, INCUMBENT)).as(text).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'm off to Rajasthan next month.",
            "The boardroom is booked.",
            "It was a harrowing week.",
            "Our incumbency rules are old.",
            "We buy renewable energy.",
            "Everything changes on January 13th.",
            "Everything changes on 31 March.",
            "The pen is on the table; the test is tomorrow.",
            "The DP team is small."})
    void should_not_find_a_look_alike(String text) {
        assertThat(FactMentions.find(text, INCUMBENT)).as(text).isEmpty();
    }

    @Test
    void should_point_into_the_original_text_invisible_characters_included() {
        assertThat(found("So: R\u200Baj's call, on 31st January!")).containsExactly("R\u200Baj's", "31st January");
        assertThat(found("\uFF32\uFF41\uFF4A decides")).containsExactly("\uFF32\uFF41\uFF4A");
    }

    @Test
    void should_find_the_facts_own_text_in_other_spacing_and_case() {
        assertThat(FactMentions.find("HER VP,  Raj Mehta, told her to take the pricing to the incumbent, whose "
                + "contract\nrenews on 31 January", INCUMBENT)).extracting(FactMentions.Mention::giveaway)
                .contains(INCUMBENT.text());
    }

    @Test
    void should_read_words_as_the_matcher_reads_them() {
        assertThat(FactMentions.normalised("As an A.I., SOC2 by the twentieth of January; nine days."))
                .isEqualTo("as an ai soc 2 by the date:01-20 9 day");
        assertThat(Words.plain("R\u200Baj \uFF21\uFF29 caf\u00E9\u2019s")).isEqualTo("Raj AI cafe's");
    }
}
