package io.dtrcoach.server.http.pages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the login page may send the browser afterwards ({@code next}): a path on this site and nothing else. Browsers
 * drop tabs and newlines from a URL and read a backslash as a slash, so {@code /\t/evil.example} or
 * {@code /\evil.example} in a {@code Location} header lead off-site; a newline there also makes the header itself
 * invalid. The raw value must be printable ASCII, and it and each of its percent-decodings must start with one
 * {@code /} (not {@code //} or {@code /\}) and hold no backslash, control, space or invisible formatting character.
 */
final class LocalPath {
    private static final int MAX_LENGTH = 500;
    /** Deeper nesting than this is no path a browser sends: refused rather than decoded on. */
    private static final int MAX_DECODINGS = 3;

    private LocalPath() {
    }

    static Optional<String> of(String value) {
        return Optional.ofNullable(value).filter(LocalPath::isLocal);
    }

    static boolean isLocal(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        String form = value;
        for (int i = 0; i <= MAX_DECODINGS; i++) {
            if (!isCleanPath(form)) {
                return false;
            }
            String decoded;
            try {
                // '+' is a plus in a path, not a space
                decoded = URLDecoder.decode(form.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (decoded.equals(form)) {
                return true;
            }
            form = decoded;
        }
        return false;
    }

    private static boolean isCleanPath(String s) {
        if (!s.startsWith("/") || s.startsWith("//") || s.indexOf('\\') >= 0) {
            return false;
        }
        return s.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT);
    }
}
