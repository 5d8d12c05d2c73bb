package io.dtrcoach.server.practice;

import java.util.Optional;

/**
 * Whether LLM personas can be used right now.
 *
 * @param configured a model is configured on this server
 * @param available  LLM sessions can be started now (configured, and the model is not failing)
 * @param reason     why they cannot, for the rep; empty when they can
 */
public record LlmStatus(boolean configured, boolean available, Optional<String> reason) {
    public static LlmStatus of(boolean configured, Optional<String> unavailable) {
        return new LlmStatus(configured, unavailable.isEmpty(), unavailable);
    }
}
