package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Brief;
import io.dtrcoach.core.scenario.Scenario;

import java.util.List;

/** What a rep may know about a scenario before the call: never its facts, rules or script. */
public record ScenarioCard(String id, String title, Scenario.Difficulty difficulty, Brief brief, Prospect prospect,
                          List<Scenario.Mode> modes) {

    public record Prospect(String name, String role, String company) {
    }

    public static ScenarioCard of(Scenario s) {
        return new ScenarioCard(s.id(), s.title(), s.difficulty(), s.brief(),
                new Prospect(s.persona().name(), s.persona().role(), s.persona().company()), s.modes());
    }
}
