package io.dtrcoach.core.scoring;

import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.scoring.Fixture.Talk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningScoreTest {
    private final Engine engine = Fixture.engine();
    private final Scorer scorer = Scorer.create();

    private Report report(Talk talk) {
        return scorer.score(engine, talk.build());
    }

    private Dimension listening(Talk talk) {
        return report(talk).dimensions().get("listening");
    }

    @Test
    void should_prefer_open_questions_to_closed_ones() {
        Talk open = Talk.on(engine)
                .rep("What's changed since we last spoke?", "open_question").reply("The board got nervous about spend.")
                .rep("How is the team feeling about it?", "open_question").reply("Split, honestly.");
        Talk closed = Talk.on(engine)
                .rep("Did something change since we last spoke?", "closed_question").reply("The board got nervous about spend.")
                .rep("Is the team still keen on it?", "closed_question").reply("Split, honestly.");

        Dimension c = listening(closed);

        assertThat(listening(open).score()).isGreaterThan(c.score());
        assertThat(c.evidence()).extracting(Evidence::note).containsOnly("closed question");
        assertThat(c.explanation()).contains("0 of 2 questions were open");
    }

    @Test
    void should_read_unlabelled_questions_from_their_words() {
        Delivery d = report(Talk.on(engine)
                .rep("Thanks. What's on your mind this week?", "other")
                .rep("Does Tuesday work?", "other")
                .rep("Would it be a bad idea to talk about where this is heading?", "dtr_ask")).delivery();

        assertThat(d.openQuestions()).isEqualTo(1);
        assertThat(d.closedQuestions()).isEqualTo(1);
        assertThat(d.questions()).isEqualTo(2);
    }

    @Test
    void should_not_count_a_summary_check_as_a_closed_question() {
        Delivery d = report(Talk.on(engine)
                .rep("So the board froze spend until Q3. Is that right?", "summary", "closed_question")
                .rep("Is the budget gone for good?", "closed_question")).delivery();

        assertThat(d.closedQuestions()).isEqualTo(1);
    }

    @Test
    void should_penalise_a_rep_who_does_most_of_the_talking() {
        String speech = "Let me tell you again about all the features we covered in the demos, the integrations, "
                + "the onboarding plan, the reporting, the roadmap and the pricing we sent over last month";
        Talk talky = Talk.on(engine).opening("Hi.")
                .rep(speech + ". What do you think?", "open_question").reply("Fine.")
                .rep(speech + ". How does that sound?", "open_question").reply("Sure.");
        Talk balanced = Talk.on(engine).opening("Hi.")
                .rep("What do you think of where we got to?", "open_question")
                .reply("Honestly the pilot went well, but the board has frozen new spend until the third quarter.")
                .rep("How does that sit with you?", "open_question")
                .reply("Badly. I wanted this done, and now I have to go back and argue for it again next year.");

        Report r = report(talky);

        assertThat(r.delivery().repTalkSharePercent()).isGreaterThan(90);
        assertThat(listening(balanced).score()).isGreaterThan(r.dimensions().get("listening").score());
        assertThat(r.dimensions().get("listening").explanation()).contains("you spoke 9");
    }

    @Test
    void should_cite_a_long_monologue() {
        String monologue = String.join(" ", java.util.Collections.nCopies(80, "word")) + ".";
        Dimension d = listening(Talk.on(engine).rep(monologue, "other"));

        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.turn()).isEqualTo(1);
            assertThat(e.note()).isEqualTo("monologue of 80 words");
        });
    }

    @Test
    void should_reward_a_summary_that_reflects_what_the_prospect_said() {
        Talk reflecting = Talk.on(engine)
                .rep("What's changed since we last spoke?", "open_question")
                .reply("The board froze new spend until Q3, and my sponsor left in March.")
                .rep("So the board froze spend until Q3 and your sponsor left. Did I get that right?", "summary");
        Talk generic = Talk.on(engine)
                .rep("What's changed since we last spoke?", "open_question")
                .reply("The board froze new spend until Q3, and my sponsor left in March.")
                .rep("So our platform saves time and delivers great value. Did I get that right?", "summary");

        Dimension good = listening(reflecting);
        Dimension bad = listening(generic);

        assertThat(good.score()).isGreaterThan(bad.score());
        assertThat(good.evidence()).anySatisfy(e -> assertThat(e.note()).startsWith("summary reflecting"));
        assertThat(good.explanation()).contains("reflected what Dana had said");
        assertThat(bad.explanation()).contains("little of what Dana had said");
        assertThat(ListeningScore.reflection("So the board froze spend until Q3",
                "The board froze new spend until Q3")).isEqualTo(1.0);
    }

    @Test
    void should_report_plain_delivery_figures() {
        Delivery d = report(Talk.on(engine).opening("Hi there.")
                .rep("What's changed?", "open_question").reply("The board froze spend.")
                .rep("Is it final?", "closed_question").reply("Yes.")
                .rep("How do decisions get made?", "open_question", "decision_process").reply("The CFO signs.")).delivery();

        assertThat(d.turns()).isEqualTo(3);
        assertThat(d.questions()).isEqualTo(3);
        assertThat(d.openQuestions()).isEqualTo(2);
        assertThat(d.closedQuestions()).isEqualTo(1);
        assertThat(d.openQuestionPercent()).isEqualTo(67);
        assertThat(d.openClosedRatio()).hasValue(2.0);
        assertThat(d.repWords()).isEqualTo(2 + 3 + 5);
        assertThat(d.prospectWords()).isEqualTo(2 + 4 + 1 + 3);
        assertThat(d.repTalkSharePercent()).isEqualTo(50);
        assertThat(d.longestMonologueWords()).isEqualTo(5);
    }
}
