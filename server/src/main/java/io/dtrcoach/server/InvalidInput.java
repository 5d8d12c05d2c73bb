package io.dtrcoach.server;

/** A request value that breaks a rule (a 400); the message names the field. */
public final class InvalidInput extends RuntimeException {
    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
