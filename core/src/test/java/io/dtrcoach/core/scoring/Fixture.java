package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Condition;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Location;
import io.dtrcoach.core.scenario.Persona;
import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Script;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.scenario.Timing;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Hand-built scenarios and transcripts for scoring tests, without the loader, the classifier or the model.
 * The scenario: Dana Ortiz, comfort 45 / defensiveness 30 at the start, window turns 2–5, ready when
 * {@code comfort >= 50 && defensiveness < 50}, two hidden facts, endings of every outcome.
 */
final class Fixture {
    static final Location HERE = Location.unknown("fixture");

    private Fixture() {
    }

    static Condition condition(String source, Predicate<io.dtrcoach.core.scenario.ExpressionContext> test) {
        return new Condition(source, ctx -> test.test(ctx), HERE);
    }

    static Condition never() {
        return condition("false", ctx -> false);
    }

    static ScenarioBuilder scenario() {
        return new ScenarioBuilder();
    }

    /** Builds the scenario with what a test changes; everything else is the default above. */
    static final class ScenarioBuilder {
        private int from = 2;
        private int to = 5;
        private Rubric rubric = Rubric.defaults();
        private final Map<String, StateVar> state = new LinkedHashMap<>();
        private List<Fact> facts = List.of(
                new Fact("budget_freeze", "The board froze new spend until Q3.", never(), List.of(), HERE),
                new Fact("sponsor_left", "Her internal sponsor left in March.", never(), List.of(), HERE));
        private Map<String, List<String>> coaching = Map.of();
        private String situation = "Pilot ended six weeks ago; three follow-ups unanswered.";
        private String title = "Fixture";
        private List<String> timingAsks = List.of();

        ScenarioBuilder() {
            state.put("comfort", new StateVar("comfort", StateVar.Type.INT, 0, 100, 45, ""));
            state.put("defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 100, 30, ""));
            state.put("agenda_agreed", new StateVar("agenda_agreed", StateVar.Type.BOOL, 0, 1, 0, ""));
        }

        ScenarioBuilder window(int fromTurn, int toTurn) {
            this.from = fromTurn;
            this.to = toTurn;
            return this;
        }

        /** Topic intents that count as the DTR ask ({@code timing.asks}). */
        ScenarioBuilder timingAsks(String... intents) {
            this.timingAsks = List.of(intents);
            return this;
        }

        ScenarioBuilder rubric(Rubric r) {
            this.rubric = r;
            return this;
        }

        ScenarioBuilder stakeholders(int n) {
            state.put("stakeholders", new StateVar("stakeholders", StateVar.Type.INT, 1, 10, n, ""));
            return this;
        }

        ScenarioBuilder title(String t) {
            this.title = t;
            return this;
        }

        ScenarioBuilder boolVar(String name, String description) {
            state.put(name, new StateVar(name, StateVar.Type.BOOL, 0, 1, 0, description));
            return this;
        }

        ScenarioBuilder situation(String s) {
            this.situation = s;
            return this;
        }

        ScenarioBuilder noFacts() {
            this.facts = List.of();
            return this;
        }

        ScenarioBuilder coaching(Map<String, List<String>> lines) {
            this.coaching = lines;
            return this;
        }

        Scenario build() {
            Map<String, Ending> endings = new LinkedHashMap<>();
            for (Ending.Outcome o : Ending.Outcome.values()) {
                String id = "end_" + o.name();
                endings.put(id, new Ending(id, never(), o, o.name(), Optional.empty(), o.isClearAnswer(), HERE));
            }
            Script script = new Script("open", List.of(),
                    Map.of("open", new Script.Node("open", List.of(), List.of("Sorry, what do you mean?"), HERE)));
            return new Scenario(Scenario.SCHEMA, "fixture", title, Scenario.Difficulty.medium,
                    new Brief("Dana Ortiz, CFO at Brightline", situation,
                            new Brief.History(9, 2, true, true, 2, List.of()),
                            "Leave with a yes, a clean no, or a dated next step.", 40),
                    new Persona("Dana Ortiz", "CFO", "Brightline", List.of(), List.of("Hi, sorry, crazy quarter.")),
                    List.of(Scenario.Mode.scripted), state, facts, Map.of(), Map.of(), coaching,
                    new Timing(from, to, condition("comfort >= 50 && defensiveness < 50",
                            ctx -> ctx.variable("comfort") >= 50 && ctx.variable("defensiveness") < 50), timingAsks),
                    script, Optional.empty(), endings, rubric, List.of(), "fixture");
        }
    }

    /** An engine for scoring only: it never matches intents or classifies, so no model is loaded. */
    static Engine engine(Scenario scenario) {
        EmbeddingModel unused = segments -> {
            throw new UnsupportedOperationException("scoring tests embed nothing");
        };
        return new Engine(scenario, new IntentMatcher(TextEmbedder.create(unused)), text -> List.of());
    }

    static Engine engine() {
        return engine(scenario().build());
    }

    /**
     * A transcript built turn by turn: {@code rep(...)} starts a turn, the other methods change the current
     * one; state carries over from turn to turn the way the engine would.
     */
    static final class Talk {
        private final Engine engine;
        private final List<Turn> turns = new ArrayList<>();
        private Map<String, Integer> state;
        private String opening = "Hi, sorry, crazy quarter.";
        private Pending current;
        private Optional<String> ending = Optional.empty();

        private static final class Pending {
            String rep;
            String prospect = "Mm-hm.";
            List<Move> moves = new ArrayList<>();
            List<MatchedIntent> intents = new ArrayList<>();
            Map<String, Integer> after;
            List<String> revealed = new ArrayList<>();
            Optional<String> ending = Optional.empty();
        }

        Talk(Engine engine) {
            this.engine = engine;
            this.state = new LinkedHashMap<>();
            engine.scenario().state().forEach((k, v) -> state.put(k, v.start()));
        }

        static Talk on(Engine engine) {
            return new Talk(engine);
        }

        Talk opening(String text) {
            this.opening = text;
            return this;
        }

        Talk rep(String text, String... moves) {
            flush();
            current = new Pending();
            current.rep = text;
            for (String m : moves) {
                current.moves.add(new Move(m, 0.9));
            }
            if (current.moves.isEmpty()) {
                current.moves.add(new Move("other", 0.5));
            }
            current.after = new LinkedHashMap<>(state);
            return this;
        }

        Talk reply(String text) {
            current.prospect = text;
            return this;
        }

        Talk change(String var, int delta) {
            current.after.merge(var, delta, Integer::sum);
            return this;
        }

        Talk set(String var, int value) {
            current.after.put(var, value);
            return this;
        }

        Talk reveals(String fact) {
            current.revealed.add(fact);
            return this;
        }

        Talk intent(String id) {
            current.intents.add(new MatchedIntent(id, 1.0, "keyword"));
            return this;
        }

        /** The call ends on the current turn with the fixture ending of this outcome. */
        Talk ends(Ending.Outcome outcome) {
            current.ending = Optional.of("end_" + outcome.name());
            return this;
        }

        Talk endsWith(String endingId) {
            current.ending = Optional.of(endingId);
            return this;
        }

        /** Neutral filler turns (rapport, no change) until the next turn would be {@code number}. */
        Talk fillUntil(int number) {
            while (turns.size() + (current == null ? 0 : 1) + 1 < number) {
                rep("Thanks again for making the time today.", "rapport").reply("Sure.");
            }
            return this;
        }

        private void flush() {
            if (current == null) {
                return;
            }
            int n = turns.size() + 1;
            turns.add(new Turn(n, current.rep, current.prospect, current.intents, current.moves, state,
                    current.after, current.revealed, "open", "open", Optional.empty(), current.ending,
                    current.moves.isEmpty() ? "no_match" : current.moves.get(0).label()));
            state = current.after;
            if (current.ending.isPresent()) {
                ending = current.ending;
            }
            current = null;
        }

        Transcript build() {
            flush();
            List<String> revealed = turns.stream().flatMap(t -> t.revealed().stream()).toList();
            return new Transcript(engine.scenario().id(), opening, turns, revealed, ending,
                    ending.map(engine::outcomeOf));
        }
    }
}
