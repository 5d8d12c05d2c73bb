package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

/**
 * What a trigger listens for: a shared move ({@code {move: permission_no}}; {@code pressure} stands for every kind
 * of pressure) or one of the scenario's own topic intents (a bare intent id).
 */
public record Match(Kind kind, String name) {
    public enum Kind { MOVE, INTENT }

    public static Match move(String name) {
        return new Match(Kind.MOVE, name);
    }

    public static Match intent(String id) {
        return new Match(Kind.INTENT, id);
    }

    public boolean isMove() {
        return kind == Kind.MOVE;
    }

    /** Whether this is a match for a move label the turn carries. */
    public boolean coversMove(String label) {
        return kind == Kind.MOVE && MoveLabel.covers(name, label);
    }

    /** As written in the file: {@code move:dtr_ask} or the intent id. */
    @Override
    public String toString() {
        return kind == Kind.MOVE ? "move:" + name : name;
    }
}
