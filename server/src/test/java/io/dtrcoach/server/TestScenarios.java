package io.dtrcoach.server;

import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Condition;
import io.dtrcoach.core.scenario.Effect;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scenario.ExpressionContext;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Intent;
import io.dtrcoach.core.scenario.LlmPersona;
import io.dtrcoach.core.scenario.Location;
import io.dtrcoach.core.scenario.Match;
import io.dtrcoach.core.scenario.Persona;
import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Script;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.scenario.Timing;
import io.dtrcoach.core.scenario.Trigger;
import io.dtrcoach.server.practice.FixedCatalog;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A small scenario built in code, with keyword intents so that it behaves the same whatever the embedding
 * model says: "no is fine" opens the prospect up (+25 comfort), "what changed" then reveals the budget freeze
 * and ends the call honestly, "sign" pushes (+40 defensiveness; twice shuts the call down). Its "content" is a
 * label that {@link #catalog} parses back to the scenario, standing in for a YAML file.
 */
public final class TestScenarios {
    public static final String ID = "test-stalled";
    /** The same scenario offering an LLM persona too. */
    public static final String LLM_ID = "test-stalled-llm";
    public static final String BUDGET_TEXT = "The board froze new spend until Q3.";

    private TestScenarios() {
    }

    public static Scenario stalled(String title) {
        return stalled(ID, title, List.of(Scenario.Mode.scripted), Optional.empty());
    }

    public static Scenario stalledWithLlm(String title) {
        return stalled(LLM_ID, title, List.of(Scenario.Mode.scripted, Scenario.Mode.llm), Optional.of(new LlmPersona(
                "Dana has been CFO at Brightline for four years and championed the pilot.",
                "Direct, tired, avoids conflict.", "Short sentences.", List.of("Look, it's been a lot."),
                List.of("any discount figure"))));
    }

    private static Scenario stalled(String id, String title, List<Scenario.Mode> modes, Optional<LlmPersona> llm) {
        Location at = Location.unknown("test");
        Map<String, StateVar> state = new LinkedHashMap<>();
        state.put("comfort", new StateVar("comfort", StateVar.Type.INT, 0, 100, 40, "ease"));
        state.put("defensiveness", new StateVar("defensiveness", StateVar.Type.INT, 0, 100, 30, "guard"));
        Map<String, Intent> intents = new LinkedHashMap<>();
        intents.put("makes_no_safe", new Intent("makes_no_safe", List.of(), List.of("no is fine", "not a priority"), 0.99, at));
        intents.put("asks_what_changed", new Intent("asks_what_changed", List.of(), List.of("changed"), 0.99, at));
        intents.put("pushes", new Intent("pushes", List.of(), List.of("sign", "deadline"), 0.99, at));
        Fact budget = new Fact("budget_freeze", BUDGET_TEXT,
                cond("comfort >= 60", c -> c.variable("comfort") >= 60), List.of("freeze"), at);
        Trigger push = new Trigger(List.of(Match.intent("pushes")), Optional.empty(),
                Map.of("defensiveness", new Effect.Delta("defensiveness", 40), "comfort", new Effect.Delta("comfort", -10)),
                List.of("I can't commit to anything right now.", "Please stop pushing."), Optional.empty(), List.of(), false, at);
        Trigger safe = new Trigger(List.of(Match.intent("makes_no_safe")), Optional.empty(),
                Map.of("comfort", new Effect.Delta("comfort", 25)),
                List.of("Honestly? Thanks for saying that."), Optional.of("opening_up"), List.of(), false, at);
        Trigger changed = new Trigger(List.of(Match.intent("asks_what_changed")), Optional.empty(), Map.of(),
                List.of("Our board froze new spend until Q3."), Optional.empty(), List.of("budget_freeze"), false, at);
        Map<String, Script.Node> nodes = new LinkedHashMap<>();
        nodes.put("open", new Script.Node("open", List.of(safe), List.of("Sorry, what do you mean?", "Can we keep this quick?"), at));
        nodes.put("opening_up", new Script.Node("opening_up", List.of(changed), List.of("Mm-hm.", "Go on."), at));
        Map<String, Ending> endings = new LinkedHashMap<>();
        endings.put("honest_answer", new Ending("honest_answer", cond("revealed('budget_freeze')",
                c -> c.revealed("budget_freeze")), Ending.Outcome.no, "she told the truth", Optional.empty(), true, at));
        endings.put("shut_down", new Ending("shut_down", cond("defensiveness >= 90",
                c -> c.variable("defensiveness") >= 90), Ending.Outcome.shut_down, "she hung up",
                Optional.of("I have to go."), false, at));
        return new Scenario(Scenario.SCHEMA, id, title, Scenario.Difficulty.medium,
                new Brief("Dana Ortiz, CFO at Brightline", "Pilot ended six weeks ago.",
                        new Brief.History(9, 2, true, true, 2, List.of()), "Find out where this stands.", 6),
                new Persona("Dana Ortiz", "CFO", "Brightline", List.of("short sentences"),
                        List.of("Hi, sorry, it's been a crazy quarter.", "Hello. I only have a few minutes.")),
                modes, state, List.of(budget), intents, Map.of(), Map.of(),
                new Timing(2, 4, cond("comfort >= 50", c -> c.variable("comfort") >= 50)),
                new Script("open", List.of(push), nodes), llm, endings, Rubric.defaults(), List.of(),
                "test:" + title);
    }

    private static Condition cond(String source, Predicate<ExpressionContext> test) {
        return new Condition(source, test::test, Location.unknown("test"));
    }

    /** Content label → scenario: "v1" and "v2" differ only in title. */
    public static ScenarioCatalog catalog(String currentVersion) {
        return new FixedCatalog(List.of(ScenarioVersion.of(stalled(currentVersion), content(currentVersion))),
                (content, source) -> stalled(content.substring(content.indexOf(':') + 1)));
    }

    /** Both scenarios: {@link #ID} (scripted only) and {@link #LLM_ID} (scripted or LLM). */
    public static ScenarioCatalog catalogWithLlm(String currentVersion) {
        return new FixedCatalog(List.of(ScenarioVersion.of(stalled(currentVersion), content(currentVersion)),
                ScenarioVersion.of(stalledWithLlm(currentVersion), "test-scenario-llm:" + currentVersion)),
                (content, source) -> content.startsWith("test-scenario-llm:")
                        ? stalledWithLlm(content.substring(content.indexOf(':') + 1))
                        : stalled(content.substring(content.indexOf(':') + 1)));
    }

    public static String content(String version) {
        return "test-scenario:" + version;
    }
}
