package io.dtrcoach.server.http;

import io.dtrcoach.server.llm.ReplyListener;
import io.dtrcoach.server.practice.TurnInProgress;
import io.dtrcoach.server.practice.TurnReply;

import java.util.Optional;

/**
 * What a turn route adds to the shared {@link TurnHandler}: it hears the reply as it is spoken (from
 * {@link #onTurn}, called only once the caller may take the turn), may cancel the turn on its own occasions, and
 * hears the committed reply, exactly what was stored.
 */
public interface TurnListener extends ReplyListener {
    TurnListener NONE = new TurnListener() {
        @Override
        public void onToken(String text) {
        }

        @Override
        public void onRestart() {
        }
    };

    /** The turn has been asked for ({@code stream}: the events connection the request named, unchecked). */
    default void started(TurnInProgress turn, Optional<String> stream) {
    }

    /** The turn is committed; {@code reply} is what was stored. */
    default void onCommitted(TurnReply reply) {
    }
}
