package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.server.auth.Tokens;

/** A loaded scenario with the text it came from and the SHA-256 of that text. */
public record ScenarioVersion(Scenario scenario, String content, String hash) {

    public static ScenarioVersion of(Scenario scenario, String content) {
        return new ScenarioVersion(scenario, content, sha256(content));
    }

    public static String sha256(String content) {
        return Tokens.sha256(content);
    }
}
