package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.scenario.Comparison;
import io.dtrcoach.core.scenario.Location;
import io.dtrcoach.core.scenario.ScenarioTest;
import io.dtrcoach.core.state.ProspectState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a scenario's own {@code tests:} through the engine and reports every failed expectation with the
 * file location of the turn that failed. Also records which nodes were reached and which facts revealed,
 * for the trainer's coverage view.
 */
public final class ScenarioTestRunner {
    private final Engine engine;

    public ScenarioTestRunner(Engine engine) {
        this.engine = engine;
    }

    public record Failure(Location location, String message) {
        @Override
        public String toString() {
            return location + ": error: " + message;
        }
    }

    public record Result(String name, List<Failure> failures, List<Turn> turns) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** The results of every test, plus the nodes and facts no test reached. */
    public record Summary(List<Result> results, List<String> nodesNeverReached, List<String> factsNeverRevealed) {
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }

        public long failedCount() {
            return results.stream().filter(r -> !r.passed()).count();
        }
    }

    public Summary runAll() {
        List<Result> results = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        Set<String> revealed = new HashSet<>();
        for (ScenarioTest test : engine.scenario().tests()) {
            Result r = run(test);
            results.add(r);
            test.given().flatMap(ScenarioTest.Given::node).ifPresentOrElse(reached::add,
                    () -> reached.add(engine.scenario().script().start()));
            for (Turn t : r.turns()) {
                reached.add(t.nodeBefore());
                reached.add(t.nodeAfter());
                revealed.addAll(t.revealed());
            }
        }
        List<String> nodes = engine.scenario().script().nodes().keySet().stream()
                .filter(n -> !reached.contains(n)).toList();
        List<String> facts = engine.scenario().facts().stream().map(f -> f.id())
                .filter(f -> !revealed.contains(f)).toList();
        return new Summary(results, nodes, facts);
    }

    public Result run(ScenarioTest test) {
        ProspectState state = engine.start(0);
        if (test.given().isPresent()) {
            ScenarioTest.Given g = test.given().get();
            state = engine.given(state, g.node(), g.state(), g.revealed());
        }
        List<Failure> failures = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (ScenarioTest.TestTurn tt : test.turns()) {
            if (state.ended()) {
                failures.add(new Failure(tt.location(), "the call already ended (" + state.ending().orElseThrow()
                        + ") before this turn"));
                break;
            }
            Step step = engine.step(state, tt.rep());
            turns.add(step.turn());
            check(tt, step.turn(), failures);
            state = step.after();
        }
        return new Result(test.name(), failures, turns);
    }

    private static void check(ScenarioTest.TestTurn tt, Turn turn, List<Failure> failures) {
        ScenarioTest.Expect e = tt.expect();
        Location at = tt.location();
        String where = "turn " + turn.number() + " (\"" + abbreviate(turn.rep()) + "\")";
        List<String> got = turn.intents().stream().map(MatchedIntent::id).sorted().toList();
        e.intents().ifPresent(want -> {
            if (!new HashSet<>(want).equals(new HashSet<>(got))) {
                failures.add(new Failure(at, where + ": expected intents " + want.stream().sorted().toList()
                        + " but matched " + describe(turn.intents())));
            }
        });
        for (String not : e.notIntents()) {
            if (got.contains(not)) {
                failures.add(new Failure(at, where + ": intent '" + not + "' must not match but did ("
                        + describe(turn.intents()) + ")"));
            }
        }
        for (Map.Entry<String, Comparison> s : e.state().entrySet()) {
            Integer value = turn.stateAfter().get(s.getKey());
            if (value == null || !s.getValue().holds(value)) {
                failures.add(new Failure(at, where + ": expected " + s.getKey() + " " + s.getValue()
                        + " but it is " + value));
            }
        }
        e.revealed().ifPresent(want -> {
            if (!new HashSet<>(want).equals(new HashSet<>(turn.revealed()))) {
                failures.add(new Failure(at, where + ": expected revealed " + want + " but revealed "
                        + turn.revealed()));
            }
        });
        e.node().ifPresent(want -> {
            if (!want.equals(turn.nodeAfter())) {
                failures.add(new Failure(at, where + ": expected node '" + want + "' but is at '"
                        + turn.nodeAfter() + "'"));
            }
        });
        e.ending().ifPresent(want -> {
            if (!Optional.of(want).equals(turn.ending())) {
                failures.add(new Failure(at, where + ": expected ending '" + want + "' but "
                        + turn.ending().map(x -> "ended with '" + x + "'").orElse("the call goes on")));
            }
        });
        List<String> labels = turn.moves().stream().map(Move::label).toList();
        for (String name : e.moves()) {
            if (labels.stream().noneMatch(l -> MoveLabel.covers(name, l))) {
                failures.add(new Failure(at, where + ": expected move '" + name + "' but the classifier gave "
                        + labels));
            }
        }
        for (String name : e.notMoves()) {
            if (labels.stream().anyMatch(l -> MoveLabel.covers(name, l))) {
                failures.add(new Failure(at, where + ": move '" + name + "' must not be judged but was ("
                        + labels + ")"));
            }
        }
        e.answered().ifPresent(want -> {
            if (!(want.equals(turn.answered()) || MoveLabel.covers(want, turn.answered()))) {
                failures.add(new Failure(at, where + ": expected the persona to answer '" + want + "' but it "
                        + "answered '" + turn.answered() + "' (moves " + labels + ")"));
            }
        });
    }

    private static String describe(List<MatchedIntent> intents) {
        if (intents.isEmpty()) {
            return "none";
        }
        return intents.stream().map(i -> i.id() + " (" + i.via() + " " + i.similarity() + ")").toList().toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
