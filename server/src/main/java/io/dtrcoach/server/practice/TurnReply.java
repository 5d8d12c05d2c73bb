package io.dtrcoach.server.practice;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dtrcoach.core.scenario.Scenario;

import java.util.Optional;

/**
 * What the rep sees after a turn; returned only once the turn is committed.
 *
 * @param reply   the words the rep saw (the model's for an LLM persona, unless it fell back to the scripted line)
 * @param persona the session's persona kind for this turn
 * @param source  where {@code reply} came from
 * @param notice  for the rep, when the model could not be used (omitted otherwise)
 */
public record TurnReply(int turn, String reply, boolean ended, Optional<String> ending, Scenario.Mode persona,
                        ReplySource source, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> notice) {
}
