package io.dtrcoach.server.http;

import io.dtrcoach.server.failure.DomainFailure;

/** A body that is not the JSON object the route expects (a 400). */
public final class MalformedRequest extends DomainFailure.Invalid {
    public MalformedRequest(String message) {
        super(message);
    }
}
