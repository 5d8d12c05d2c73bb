package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;

import java.util.Locale;

/**
 * A tiny append-only SVG/HTML writer. Every attribute value and every text node goes through
 * {@link #escape}, so a chart can embed a rep's words (in a {@code <title>}) without opening a hole.
 * Element and attribute <em>names</em> are always literals in our code, never data.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder(2048);

    Svg open(String element, String... attributes) {
        out.append('<').append(element);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A self-closing element. */
    Svg empty(String element, String... attributes) {
        out.append('<').append(element);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    Svg close(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    Svg text(String text) {
        out.append(escape(text));
        return this;
    }

    /** {@code <element attrs>text</element>} */
    Svg element(String element, String text, String... attributes) {
        return open(element, attributes).text(text).close(element);
    }

    Handlebars.SafeString toSafeString() {
        return new Handlebars.SafeString(out);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void attributes(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] == null) {
                continue;
            }
            out.append(' ').append(nameValuePairs[i]).append("=\"").append(escape(nameValuePairs[i + 1])).append('"');
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // drop control characters that are illegal in XML 1.0 (inline SVG must stay well-formed)
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Coordinates with at most one decimal, locale-independent. */
    static String num(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }
}
