package io.dtrcoach.server.persistence;

import io.dtrcoach.server.failure.DomainFailure;

/**
 * A value the database cannot hold in text (PostgreSQL refuses NUL, SQLSTATE 22021): the client's input, a 400,
 * wherever it came from (a path segment, a query parameter, a field).
 */
public final class UnstorableText extends DomainFailure.Invalid {
    static final String STATE = "22021";

    public UnstorableText(Throwable cause) {
        super("the request holds a character that cannot be stored or searched for (NUL)", cause);
    }
}
