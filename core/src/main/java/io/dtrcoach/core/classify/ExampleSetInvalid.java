package io.dtrcoach.core.classify;

/** A labelled-lines file (examples or evaluation set) that cannot be read; the message starts with source:line. */
public final class ExampleSetInvalid extends RuntimeException {
    public ExampleSetInvalid(String message) {
        super(message);
    }

    public ExampleSetInvalid(String message, Throwable cause) {
        super(message, cause);
    }
}
