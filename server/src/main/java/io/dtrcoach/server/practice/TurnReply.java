package io.dtrcoach.server.practice;

import java.util.Optional;

/** What the rep sees after a turn; returned only once the turn is committed. */
public record TurnReply(int turn, String reply, boolean ended, Optional<String> ending) {
}
