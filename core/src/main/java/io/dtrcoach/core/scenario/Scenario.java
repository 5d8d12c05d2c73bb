package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario file, loaded and checked. Immutable; collections are unmodifiable and keep file order.
 *
 * @param reactions the persona's default answer per move ({@code reactions:} move name → variants, first whose
 *                  {@code when} holds), used when no scenario rule answers the turn
 * @param coaching  good lines for this prospect per move ({@code coaching:} label → lines), suggested in reports
 *                  before the generic ones
 * @param source where it came from (file path or resource name), used in every message about it
 */
public record Scenario(
        String schema,
        String id,
        String title,
        Difficulty difficulty,
        Brief brief,
        Persona persona,
        List<Mode> modes,
        Map<String, StateVar> state,
        List<Fact> facts,
        Map<String, Intent> intents,
        Map<String, List<Trigger>> reactions,
        Map<String, List<String>> coaching,
        Timing timing,
        Script script,
        Optional<LlmPersona> llm,
        Map<String, Ending> endings,
        Rubric rubric,
        List<ScenarioTest> tests,
        String source) {

    public static final String SCHEMA = "dtr-scenario/1";

    public Scenario {
        modes = List.copyOf(modes);
        state = Collections2.orderedCopy(state);
        facts = List.copyOf(facts);
        intents = Collections2.orderedCopy(intents);
        reactions = Collections2.orderedCopy(reactions);
        coaching = Collections2.orderedCopy(coaching);
        endings = Collections2.orderedCopy(endings);
        tests = List.copyOf(tests);
    }

    public Optional<Fact> fact(String factId) {
        return facts.stream().filter(f -> f.id().equals(factId)).findFirst();
    }

    public boolean offers(Mode mode) {
        return modes.contains(mode);
    }

    public enum Difficulty { easy, medium, hard }

    public enum Mode { scripted, llm }
}
