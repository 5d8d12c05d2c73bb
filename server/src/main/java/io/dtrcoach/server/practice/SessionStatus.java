package io.dtrcoach.server.practice;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a practice session can still take turns; written by its id in the API and on pages. */
public enum SessionStatus {
    OPEN("open"),
    ENDED("ended");

    private final String id;

    SessionStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    static SessionStatus of(boolean ended) {
        return ended ? ENDED : OPEN;
    }
}
