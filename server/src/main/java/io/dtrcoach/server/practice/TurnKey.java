package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.Tokens;

import java.util.regex.Pattern;

/**
 * A client's Idempotency-Key for one turn, and the hash of the text it was first sent with. The key is scoped to the
 * session: the same key on another session is another turn.
 */
public record TurnKey(String key, String requestHash) {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** @throws InvalidInput unless the key is 1-200 printable ASCII characters without spaces */
    public static TurnKey of(String key, String text) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInput(HEADER, HEADER + " must be 1-200 printable ASCII characters without spaces");
        }
        return new TurnKey(key, Tokens.sha256(text == null ? "" : text));
    }
}
