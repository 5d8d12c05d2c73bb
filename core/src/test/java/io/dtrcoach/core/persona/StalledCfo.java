package io.dtrcoach.core.persona;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.embed.TextEmbedder;
import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Condition;
import io.dtrcoach.core.scenario.Effect;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scenario.ExpressionContext;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.Match;
import io.dtrcoach.core.scenario.LlmPersona;
import io.dtrcoach.core.scenario.Location;
import io.dtrcoach.core.scenario.Persona;
import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Script;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.scenario.Timing;
import io.dtrcoach.core.scenario.Trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The design's "CFO who went quiet" scenario, built in code; the server's LLM tests use it too (core's test jar).
 * Intents match by keyword only: the embedder gives every text the zero vector, so nothing matches by
 * similarity and the engine is fully predictable.
 */
public final class StalledCfo {
    public static final String BUDGET_TEXT = "The board froze all new spend until Q3.";
    public static final String SPONSOR_TEXT = "Her internal sponsor, Marcus, left in March.";
    /** How the model is told to say the budget fact once it is revealed (its {@code llm_hint}). */
    public static final String BUDGET_HINT = "Dana can now admit, a little embarrassed, that the board froze all new "
            + "spend until Q3 and that she has been avoiding saying so.";
    public static final String OPENING = "Hi, sorry, it's been a crazy quarter.";

    private static final Location HERE = Location.unknown("StalledCfo.java");

    private StalledCfo() {
    }

    public static Scenario scenario() {
        return scenario(new LlmPersona(
                "Dana has been CFO at Brightline for four years and championed the pilot internally.",
                "Direct, tired, hates wasting people's time, avoids conflict when she can.",
                "Short sentences; blames a busy quarter when she does not want to answer.",
                List.of("Look, it's been a lot.", "I hear you."),
                List.of("any discount figure", "that she is an AI")));
    }

    public static Scenario scenario(LlmPersona llm) {
        Map<String, StateVar> state = new LinkedHashMap<>();
        state.put("comfort", new StateVar("comfort", StateVar.Type.INT, 0, 100, 45, "How at ease she is"));
        state.put("defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 100, 30, ""));
        state.put("trust", new StateVar("trust", StateVar.Type.INT, 0, 100, 40, ""));

        List<Fact> facts = List.of(
                new Fact("budget_freeze", BUDGET_TEXT,
                        cond("comfort >= 60 && matched('asks_what_changed')",
                                c -> c.variable("comfort") >= 60 && c.matched("asks_what_changed")),
                        List.of("board", "froze", "freeze", "Q3"), Optional.of(BUDGET_HINT), HERE),
                new Fact("sponsor_left", SPONSOR_TEXT,
                        cond("comfort >= 95", c -> c.variable("comfort") >= 95),
                        List.of("sponsor", "Marcus"), HERE));

        Map<String, Intent> intents = new LinkedHashMap<>();
        intents.put("makes_no_safe", intent("makes_no_safe", "totally fine", "fine if"));
        intents.put("asks_what_changed", intent("asks_what_changed", "changed", "getting in the way"));
        intents.put("pushes_to_close", intent("pushes_to_close", "sign", "discount", "deadline"));

        Script.Node open = new Script.Node("open", List.of(
                trigger(List.of("makes_no_safe"), Map.of("comfort", 20, "defensiveness", -15, "trust", 20),
                        List.of("Honestly? Thanks for saying that."), Optional.of("opening_up"), List.of())),
                List.of("Sorry, what do you mean?", "Can we keep this quick?"), HERE);
        Script.Node openingUp = new Script.Node("opening_up", List.of(
                trigger(List.of("asks_what_changed"), Map.of(), List.of("Our board froze new spend until Q3."),
                        Optional.empty(), List.of("budget_freeze")),
                trigger(List.of("asks_what_changed"), Map.of(), List.of("Oh, you know. Busy quarter."),
                        Optional.empty(), List.of())),
                List.of("Mm. Go on.", "I'm not sure where you're going with this."), HERE);
        Map<String, Script.Node> nodes = new LinkedHashMap<>();
        nodes.put("open", open);
        nodes.put("opening_up", openingUp);
        Script script = new Script("open", List.of(
                trigger(List.of("pushes_to_close"), Map.of("defensiveness", 25, "comfort", -10),
                        List.of("I can't commit to anything right now."), Optional.empty(), List.of())),
                nodes);

        Map<String, Ending> endings = new LinkedHashMap<>();
        endings.put("shut_down", new Ending("shut_down",
                cond("defensiveness >= 90", c -> c.variable("defensiveness") >= 90),
                Ending.Outcome.shut_down, "She ended the call.", Optional.of("I have to go."), false, HERE));

        Brief brief = new Brief("Dana Ortiz, CFO at Brightline",
                "Pilot ended six weeks ago; three follow-ups unanswered; she finally accepted a call.",
                new Brief.History(9, 2, true, true, 2, List.of()),
                "Find out honestly where this stands.", 14);
        Persona persona = new Persona("Dana Ortiz", "CFO", "Brightline", List.of("short sentences"),
                List.of(OPENING));
        return new Scenario(Scenario.SCHEMA, "stalled-cfo", "The CFO who went quiet", Scenario.Difficulty.medium,
                brief, persona, List.of(Scenario.Mode.scripted, Scenario.Mode.llm), state, facts, intents, Map.of(), Map.of(),
                new Timing(2, 5, cond("comfort >= 50", c -> c.variable("comfort") >= 50)), script,
                Optional.ofNullable(llm), endings, Rubric.defaults(), List.of(), "StalledCfo.java");
    }

    public static Engine engine(Scenario scenario) {
        EmbeddingModel zero = segments -> Response.from(
                segments.stream().map(s -> Embedding.from(new float[] {0f, 0f, 0f})).toList());
        return new Engine(scenario, new IntentMatcher(TextEmbedder.create(zero)),
                text -> List.of(new Move("other", 1.0)));
    }

    private static Intent intent(String id, String... keywords) {
        return new Intent(id, List.of(), List.of(keywords), Intent.DEFAULT_THRESHOLD, HERE);
    }

    private static Trigger trigger(List<String> match, Map<String, Integer> deltas, List<String> say,
                                   Optional<String> gotoNode, List<String> reveal) {
        Map<String, Effect> effects = new LinkedHashMap<>();
        deltas.forEach((name, d) -> effects.put(name, new Effect.Delta(name, d)));
        return new Trigger(match.stream().map(Match::intent).toList(), Optional.empty(), effects, say, gotoNode,
                reveal, false, HERE);
    }

    private static Condition cond(String source, Predicate<ExpressionContext> test) {
        return new Condition(source, ctx -> test.test(ctx), HERE);
    }
}
