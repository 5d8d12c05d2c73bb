package io.dtrcoach.server.practice;

import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.server.persistence.PracticeRepository.TurnRow;

/**
 * A stored turn: what the rep said, the words they saw and where those came from; the engine's {@link Turn} (moves,
 * state before and after) is decoded when asked for.
 */
final class StoredTurn {
    private final TurnRow row;
    private final SessionStore.Codec codec;

    StoredTurn(TurnRow row, SessionStore.Codec codec) {
        this.row = row;
        this.codec = codec;
    }

    int number() {
        return row.number();
    }

    String rep() {
        return row.repText();
    }

    /** The words the rep saw. */
    String reply() {
        return row.reply();
    }

    ReplySource source() {
        return ReplySource.valueOf(row.replySource());
    }

    Turn analysis() {
        return codec.turn(row.turnJson());
    }
}
