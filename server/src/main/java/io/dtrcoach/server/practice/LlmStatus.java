package io.dtrcoach.server.practice;

import java.util.Optional;

/**
 * Whether LLM personas can be used right now.
 *
 * @param configured a model is configured on this server
 * @param reason     why LLM personas are unavailable (not configured, or the model is failing); empty when
 *                   they are available
 */
public record LlmStatus(boolean configured, Optional<String> reason) {
    public boolean available() {
        return reason.isEmpty();
    }
}
