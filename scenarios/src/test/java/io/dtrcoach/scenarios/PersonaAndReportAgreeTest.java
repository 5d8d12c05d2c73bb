package io.dtrcoach.scenarios;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.ScenarioTestRunner;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.scoring.TurnView;
import io.dtrcoach.core.state.ProspectState;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One judgement, by construction: on every turn of every shipped scenario test and every independent rep script,
 * the moves the report scores are exactly the moves the persona acted on, the act the persona answered is one the
 * line carried, and the report never says the rep asked where things stand on a turn the persona did not understand
 * (nor that they never asked when the persona answered an ask).
 */
class PersonaAndReportAgreeTest {

    @TestFactory
    Stream<DynamicTest> persona_and_report_agree_on_every_scenario_test() {
        ShippedLibrary library = ShippedLibrary.get();
        List<DynamicTest> out = new ArrayList<>();
        library.engines.forEach((id, engine) -> {
            ScenarioTestRunner.Summary summary = new ScenarioTestRunner(engine).runAll();
            for (ScenarioTestRunner.Result r : summary.results()) {
                if (r.turns().isEmpty()) {
                    continue;
                }
                out.add(DynamicTest.dynamicTest(id + ": " + r.name(), () -> {
                    ProspectState last = engine.start(0);
                    Turn end = r.turns().get(r.turns().size() - 1);
                    Transcript t = new Transcript(id, engine.opening(last), r.turns(), r.turns().stream()
                            .flatMap(x -> x.revealed().stream()).toList(), end.ending(),
                            end.ending().map(engine::outcomeOf));
                    agree(engine, t, library.scorer.score(engine, t));
                }));
            }
        });
        assertThat(out).hasSizeGreaterThan(30);
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> persona_and_report_agree_on_every_rep_script() {
        ShippedLibrary library = ShippedLibrary.get();
        return RepScript.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Engine engine = library.engine(s.scenario());
            Transcript t = Transcript.replayAndEnd(engine, s.lines(), 1);
            agree(engine, t, library.scorer.score(engine, t));
        }));
    }

    static void agree(Engine engine, Transcript t, Report report) {
        assertThat(report.turns()).hasSameSizeAs(t.turns());
        for (int i = 0; i < t.turns().size(); i++) {
            Turn turn = t.turns().get(i);
            TurnView view = report.turns().get(i);
            String where = "turn " + turn.number() + " \"" + turn.rep() + "\"";
            assertThat(view.moves().stream().map(TurnView.MoveView::label).toList()).as(where)
                    .isEqualTo(turn.moves().stream().map(Move::label).toList());
            assertThat(view.answered()).as(where).isEqualTo(turn.answered());
            Set<String> acts = new HashSet<>();
            turn.moves().forEach(m -> acts.add(m.label()));
            turn.intents().stream().map(MatchedIntent::id).forEach(acts::add);
            acts.add(Engine.NO_MATCH);
            acts.add(Engine.STATE_RULE);
            assertThat(acts).as(where + ": the act answered is one the line carried").contains(turn.answered());
            if (turn.answered().equals(MoveLabel.DTR_ASK.id())) {
                assertThat(report.timing().firstAskTurn()).as(where + ": the persona answered an ask, so the report "
                        + "saw one").isPresent();
                assertThat(report.timing().firstAskTurn().getAsInt()).as(where).isLessThanOrEqualTo(turn.number());
            }
        }
        report.timing().firstAskTurn().ifPresent(n -> assertThat(t.turns().get(n - 1).answered())
                .as("turn %d, the report's first ask: the persona understood it", n).isNotEqualTo(Engine.NO_MATCH));
    }
}
