package io.dtrcoach.core.conversation;

import io.dtrcoach.core.state.ProspectState;

/** What one rep line did: the recorded turn and the state to go on from. */
public record Step(Turn turn, ProspectState after) {
}
