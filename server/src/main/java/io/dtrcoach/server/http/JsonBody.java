package io.dtrcoach.server.http;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.practice.VisibleText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A request's JSON object body with typed field access; every problem names the field. */
final class JsonBody {
    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    static JsonBody of(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().isEmpty()) {
            throw new MalformedRequest("the request body must be a JSON object");
        }
        // JSON is UTF-8 (RFC 8259); a charset named in the Content-Type is ignored, so junk there cannot throw
        String text = strictUtf8(ctx.body().buffer().getBytes());
        if (!text.stripLeading().startsWith("{")) {
            throw new MalformedRequest("the request body must be a JSON object");
        }
        try {
            return new JsonBody(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedRequest("the request body is not valid JSON");
        }
    }

    /** Malformed UTF-8 is refused: decoded leniently it would be stored as U+FFFD, not as what was sent. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequest("the request body is not valid UTF-8");
        }
    }

    String string(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    Optional<String> optionalString(String field) {
        Object v = object.getValue(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new InvalidInput(field, "field '" + field + "' must be a string");
        }
        if (VisibleText.hasLoneSurrogate(s)) {
            // a \\ud800 escape: valid JSON, but no Unicode text (it would be stored as "?")
            throw new InvalidInput(field, "field '" + field + "' is not valid Unicode (it holds a lone surrogate)");
        }
        return Optional.of(s);
    }

    int integer(String field) {
        Object v = object.getValue(field);
        if (v == null) {
            throw missing(field);
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new InvalidInput(field, "field '" + field + "' must be a whole number");
    }

    Optional<Boolean> optionalBoolean(String field) {
        Object v = object.getValue(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidInput(field, "field '" + field + "' must be true or false");
        }
        return Optional.of(b);
    }

    /** A list of strings; absent means empty. */
    java.util.List<String> strings(String field) {
        Object v = object.getValue(field);
        if (v == null) {
            return java.util.List.of();
        }
        if (!(v instanceof io.vertx.core.json.JsonArray array)) {
            throw new InvalidInput(field, "field '" + field + "' must be a list of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s) || VisibleText.hasLoneSurrogate(s)) {
                throw new InvalidInput(field, "field '" + field + "' must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    Optional<Integer> optionalInteger(String field) {
        return object.getValue(field) == null ? Optional.empty() : Optional.of(integer(field));
    }

    private static InvalidInput missing(String field) {
        return new InvalidInput(field, "field '" + field + "' is required");
    }
}
