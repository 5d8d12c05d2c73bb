package io.dtrcoach.core.scenario;

import java.util.List;

/** The prospect as the rep meets them. {@code openers}: the first line of the call, one is picked per session. */
public record Persona(String name, String role, String company, List<String> voice, List<String> openers) {
    public Persona {
        voice = List.copyOf(voice);
        openers = List.copyOf(openers);
    }
}
