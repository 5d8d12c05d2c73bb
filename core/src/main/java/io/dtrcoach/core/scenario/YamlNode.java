package io.dtrcoach.core.scenario;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML document as a small tree in which every node remembers where it was written. */
sealed interface YamlNode {
    Location location();

    /** How the value reads in a message: "a string", "a list"… */
    String describe();

    enum Kind {
        STRING("a string"), INTEGER("an integer"), DECIMAL("a decimal number"), BOOLEAN("a boolean"),
        NULL("nothing (null)");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** How a string scalar was written; expressions use it to map their columns back into the file. */
    enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, BLOCK }

    /**
     * @param text  the scalar as read (for strings, the unquoted value)
     * @param value String, BigInteger, Double, Boolean or null, following the kind
     */
    record Scalar(Location location, Kind kind, String text, Object value, Style style) implements YamlNode {
        @Override
        public String describe() {
            return kind.description;
        }

        boolean isString() {
            return kind == Kind.STRING;
        }

        BigInteger integer() {
            return (BigInteger) value;
        }
    }

    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** One key: value pair; the key keeps its own location. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
