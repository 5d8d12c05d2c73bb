package io.dtrcoach.server.practice;

import io.dtrcoach.server.failure.InvalidInput;

/**
 * The rule for what a person types into a session (a turn, a comment, an override's reason): valid Unicode, at most
 * so long, and something one can see. A text made only of characters that show nothing (spaces, controls, zero-width
 * and other format characters, fillers, combining marks with nothing to combine with) is as empty as a blank one;
 * such characters among visible ones are kept as typed. A lone surrogate would be stored as "?", and NUL cannot be
 * stored in PostgreSQL text; both are refused.
 */
public final class VisibleText {
    private VisibleText() {
    }

    static void check(String field, String text, int max) {
        if (text != null && hasLoneSurrogate(text)) {
            throw new InvalidInput(field, field + " is not valid Unicode (it holds a lone surrogate)");
        }
        if (text != null && text.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot store it in text, and nobody types it
            throw new InvalidInput(field, field + " must not contain the NUL character");
        }
        if (text == null || !hasVisible(text)) {
            throw new InvalidInput(field, field + " must not be empty");
        }
        if (text.length() > max) {
            throw new InvalidInput(field, field + " must be at most " + max + " characters");
        }
    }

    static boolean hasVisible(String text) {
        return text.codePoints().anyMatch(c -> !isInvisible(c));
    }

    static boolean isInvisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.COMBINING_SPACING_MARK, Character.SURROGATE -> true;
            // Hangul fillers and the blank braille pattern are letters or symbols that draw nothing
            default -> c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
        };
    }

    /** Whether the text holds a surrogate that is not half of a pair (not valid UTF-16, no UTF-8 for it). */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }
}
