package io.dtrcoach.server.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the rep has been shown of a reply so far, and the listener that showed it. A failing listener (a socket gone
 * bad) is logged and otherwise ignored, so that it never leaves the reply future hanging.
 */
final class ShownText {
    private static final Logger LOG = LoggerFactory.getLogger(ShownText.class);

    private final ReplyListener listener;
    private final int turn;
    private final StringBuilder shown = new StringBuilder();

    ShownText(ReplyListener listener, int turn) {
        this.listener = listener;
        this.turn = turn;
    }

    /** Shows more of the reply; a reply does not start with white space. */
    void add(String text) {
        String out = shown.length() == 0 ? text.stripLeading() : text;
        if (!out.isEmpty()) {
            shown.append(out);
            tell(() -> listener.onToken(out));
        }
    }

    /** Takes back what was shown (a retry or a regeneration starts over), telling the listener if anything was. */
    void restart() {
        if (shown.length() > 0) {
            shown.setLength(0);
            tell(listener::onRestart);
        }
    }

    /** Shows {@code line} as the whole reply, instead of anything shown before. */
    void replaceWith(String line) {
        restart();
        shown.append(line);
        tell(() -> listener.onToken(line));
    }

    /** The reply as shown. */
    String text() {
        return shown.toString().strip();
    }

    private void tell(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("turn {}: reply listener failed", turn, e);
        }
    }
}
