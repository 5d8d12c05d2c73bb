package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.TeamExists;
import io.dtrcoach.server.auth.UserHasHistory;
import io.dtrcoach.server.auth.UsernameTaken;
import io.dtrcoach.server.failure.InvalidInput;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A form's refusal as the page shows it: the message beside the field it is about, and what was typed kept. Only
 * refusals about what was typed are shown this way; anything else (not found, not allowed, an outage) goes to the
 * failure handler.
 */
record FormErrors(int status, Map<String, String> fields, String message) {

    static Optional<FormErrors> of(Throwable e) {
        if (e instanceof InvalidInput i) {
            return Optional.of(new FormErrors(400, Map.of(i.field(), sentence(i.getMessage())), sentence(i.getMessage())));
        }
        if (e instanceof UsernameTaken || e instanceof TeamExists || e instanceof UserHasHistory) {
            String field = e instanceof UsernameTaken ? "username" : e instanceof TeamExists ? "name" : "delete";
            return Optional.of(new FormErrors(409, Map.of(field, sentence(e.getMessage())), sentence(e.getMessage())));
        }
        return Optional.empty();
    }

    /** Runs a step that may refuse before it returns a future, as a failed future. */
    static <T> Future<T> attempt(Supplier<Future<T>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Longer than any field of these forms takes: not shown again (a pasted page is not worth echoing). */
    private static final int LONGEST_SHOWN = 320;

    /** The fields as typed (for the form to show again), except one too long for any of these fields. */
    static Map<String, Object> typed(RoutingContext ctx, String... names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            String v = PageAuth.form(ctx, n);
            out.put(n, v.length() > LONGEST_SHOWN ? "" : v);
        }
        return out;
    }

    /** What was typed, with {@code errors} by field and the first {@code error}. */
    Map<String, Object> with(Map<String, Object> typed) {
        Map<String, Object> out = new LinkedHashMap<>(typed);
        out.put("errors", fields);
        out.put("error", message);
        return out;
    }

    /** The domain's messages are lower-case clauses; a page shows a sentence. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
