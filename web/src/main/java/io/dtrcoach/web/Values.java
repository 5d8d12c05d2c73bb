package io.dtrcoach.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads view-model values the way templates see them: the server may hand us {@link JsonObject}s and
 * {@link JsonArray}s (straight from the API layer) or plain maps and lists. Missing values are empty,
 * never {@code null}, so helpers can draw what they have.
 */
final class Values {

    private Values() {
    }

    static List<Object> list(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(out::add);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(out::add);
        } else if (value instanceof Object[] items) {
            out.addAll(List.of(items));
        }
        return out;
    }

    /** Ordered key → value view of an object; empty for anything that is not one. */
    static Map<String, Object> entries(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach(e -> out.put(e.getKey(), wrap(e.getValue())));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /** {@code get(turn, "stateAfter.comfort")}: a dotted path through objects. */
    static Optional<Object> get(Object value, String path) {
        Object current = value;
        for (String key : path.split("\\.")) {
            if (current instanceof JsonObject object) {
                current = wrap(object.getValue(key));
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        }
        if (value instanceof CharSequence text && !text.isEmpty()) {
            try {
                double d = Double.parseDouble(text.toString().trim());
                return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<Double> number(Object value, String path) {
        return get(value, path).flatMap(Values::number);
    }

    static String text(Object value, String path) {
        return get(value, path).map(String::valueOf).orElse("");
    }

    /** A hash argument as text, whatever type the template passed ({@code id=rep.id} may be a number). */
    static String hashText(com.github.jknack.handlebars.Options options, String name, String fallback) {
        Object value = options.hash.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    private static Object wrap(Object raw) {
        if (raw instanceof Map<?, ?> map && !(raw instanceof JsonObject)) {
            return new JsonObject(castMap(map));
        }
        if (raw instanceof List<?> l) {
            return new JsonArray(new ArrayList<>(l));
        }
        return raw;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
