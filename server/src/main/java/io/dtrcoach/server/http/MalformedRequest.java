package io.dtrcoach.server.http;

/** A body that is not the JSON object the route expects (a 400). */
public final class MalformedRequest extends RuntimeException {
    public MalformedRequest(String message) {
        super(message);
    }
}
