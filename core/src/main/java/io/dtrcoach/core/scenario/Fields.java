package io.dtrcoach.core.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, located reading of YAML values: each getter reports what it expected and what it found, at the
 * value's own line and column, and returns empty so that reading goes on and every problem is collected.
 */
final class Fields {
    private final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A mapping section: checks its keys against the allowed ones, with "did you mean". */
    Section section(YamlNode.Mapping mapping, String name, Location owner, Set<String> allowed) {
        for (YamlNode.Entry e : mapping.entries().values()) {
            if (!allowed.contains(e.key())) {
                problems.error(e.keyLocation(), "unknown key '" + YamlReader.truncate(e.key(), 60) + "' in " + name
                        + Suggestions.hint(e.key(), allowed));
            }
        }
        return new Section(mapping, name, owner);
    }

    /** A mapping with the keys of a section, or empty after reporting what it is instead. */
    Optional<YamlNode.Mapping> mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        return mismatch(node, what, "a mapping (key: value lines)");
    }

    Optional<List<YamlNode>> list(YamlNode node, String what) {
        if (node instanceof YamlNode.Sequence s) {
            return Optional.of(s.items());
        }
        return mismatch(node, what, "a list");
    }

    Optional<String> string(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.isString()) {
            return Optional.of(s.text());
        }
        if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
            problems.error(node.location(), "expected a string for " + what + ", found " + node.describe()
                    + " (put it in quotes: \"" + YamlReader.truncate(s.text(), 40) + "\")");
            return Optional.empty();
        }
        return mismatch(node, what, "a string");
    }

    /** A non-empty string on one line. */
    Optional<String> line(YamlNode node, String what) {
        Optional<String> s = string(node, what);
        if (s.isPresent() && s.get().isBlank()) {
            problems.error(node.location(), "expected text for " + what + ", found an empty string");
            return Optional.empty();
        }
        return s;
    }

    Optional<String> id(YamlNode node, String what, String pattern, String patternText) {
        Optional<String> s = string(node, what);
        if (s.isPresent() && !s.get().matches(pattern)) {
            problems.error(node.location(), "'" + YamlReader.truncate(s.get(), 60) + "' is not a valid " + what
                    + "; expected " + patternText);
            return Optional.empty();
        }
        return s;
    }

    Optional<Integer> integer(YamlNode node, String what, int min, int max) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INTEGER) {
            BigInteger v = s.integer();
            if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                problems.error(node.location(), what + " must be between " + min + " and " + max + ", found "
                        + YamlReader.truncate(v.toString(), 30));
                return Optional.empty();
            }
            return Optional.of(v.intValueExact());
        }
        return mismatch(node, what, "an integer");
    }

    Optional<Double> number(YamlNode node, String what, double min, double max) {
        if (node instanceof YamlNode.Scalar s
                && (s.kind() == YamlNode.Kind.INTEGER || s.kind() == YamlNode.Kind.DECIMAL)) {
            double v = s.kind() == YamlNode.Kind.INTEGER ? s.integer().doubleValue() : (Double) s.value();
            if (!(v >= min && v <= max)) {
                problems.error(node.location(), what + " must be between " + min + " and " + max + ", found "
                        + s.text());
                return Optional.empty();
            }
            return Optional.of(v);
        }
        return mismatch(node, what, "a number");
    }

    Optional<Boolean> bool(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
            return Optional.of((Boolean) s.value());
        }
        if (node instanceof YamlNode.Scalar s && s.isString()
                && List.of("yes", "no", "on", "off", "y", "n").contains(s.text().toLowerCase())) {
            problems.error(node.location(), "expected true or false for " + what + ", found '" + s.text()
                    + "' (only true and false are booleans)");
            return Optional.empty();
        }
        return mismatch(node, what, "true or false");
    }

    /** A list of strings; {@code allowSingle}: a lone string stands for a list of one. */
    Optional<List<String>> strings(YamlNode node, String what, boolean allowSingle) {
        if (allowSingle && node instanceof YamlNode.Scalar s && s.isString()) {
            return Optional.of(List.of(s.text()));
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            return mismatch(node, what, allowSingle ? "a string or a list of strings" : "a list of strings");
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : seq.items()) {
            Optional<String> s = string(item, "an item of " + what);
            if (s.isPresent()) {
                out.add(s.get());
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    /** Like {@link #strings} but with at least one, non-blank item. */
    Optional<List<String>> lines(YamlNode node, String what, boolean allowSingle) {
        Optional<List<String>> list = strings(node, what, allowSingle);
        if (list.isPresent() && list.get().isEmpty()) {
            problems.error(node.location(), what + " needs at least one line");
            return Optional.empty();
        }
        if (list.isPresent() && list.get().stream().anyMatch(String::isBlank)) {
            problems.error(node.location(), what + " has an empty line");
            return Optional.empty();
        }
        return list;
    }

    private <T> Optional<T> mismatch(YamlNode node, String what, String expected) {
        problems.error(node.location(), "expected " + expected + " for " + what + ", found " + node.describe());
        return Optional.empty();
    }

    /** A mapping being read as one section of the format. */
    final class Section {
        private final YamlNode.Mapping mapping;
        private final String name;
        private final Location owner;

        private Section(YamlNode.Mapping mapping, String name, Location owner) {
            this.mapping = mapping;
            this.name = name;
            this.owner = owner;
        }

        String name() {
            return name;
        }

        Optional<YamlNode> optional(String key) {
            YamlNode.Entry e = mapping.entries().get(key);
            if (e == null || e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
                return Optional.empty();
            }
            return Optional.of(e.value());
        }

        Optional<YamlNode> required(String key) {
            Optional<YamlNode> value = optional(key);
            if (value.isEmpty()) {
                YamlNode.Entry e = mapping.entries().get(key);
                if (e != null) {
                    problems.error(e.keyLocation(), "'" + key + "' in " + name + " has no value");
                } else {
                    problems.error(owner, "missing required key '" + key + "' in " + name);
                }
            }
            return value;
        }

        Optional<Location> keyLocation(String key) {
            return Optional.ofNullable(mapping.entries().get(key)).map(YamlNode.Entry::keyLocation);
        }

        <T> Optional<T> required(String key, Function<YamlNode, Optional<T>> read) {
            return required(key).flatMap(read);
        }

        <T> Optional<T> optional(String key, Function<YamlNode, Optional<T>> read) {
            return optional(key).flatMap(read);
        }

        /** Whether the key is written with a value that fails to read: so "absent" and "wrong" differ. */
        boolean has(String key) {
            return optional(key).isPresent();
        }
    }
}
