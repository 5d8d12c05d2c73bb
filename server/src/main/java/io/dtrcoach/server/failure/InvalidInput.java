package io.dtrcoach.server.failure;

/** A request value that breaks a rule (a 400); the message names the field. */
public final class InvalidInput extends DomainFailure.Invalid {
    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
