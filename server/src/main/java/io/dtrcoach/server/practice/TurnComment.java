package io.dtrcoach.server.practice;

import java.time.Instant;

/** A reviewer's note on one turn. */
public record TurnComment(long id, int turn, String author, String text, Instant at) {
}
