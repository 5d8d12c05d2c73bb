package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A loaded scenario with the text it came from and the SHA-256 of that text. */
public record ScenarioVersion(Scenario scenario, String content, String hash) {

    public static ScenarioVersion of(Scenario scenario, String content) {
        return new ScenarioVersion(scenario, content, sha256(content));
    }

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
