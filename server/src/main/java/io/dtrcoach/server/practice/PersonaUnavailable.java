package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.DomainFailure;

/**
 * The persona kind asked for cannot be had for this scenario now (a 409): the scenario does not offer an LLM
 * persona, no model is configured, or the model is failing. The message says which, for the rep.
 */
public final class PersonaUnavailable extends DomainFailure.Conflict {
    public PersonaUnavailable(String message) {
        super(message);
    }
}
