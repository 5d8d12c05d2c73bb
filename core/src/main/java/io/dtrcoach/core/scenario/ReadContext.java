package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every section reader of one file shares: typed field access, the problem list, the expression compiler,
 * the file's text, and the ids the file declares (gathered before any section is read, so that an expression may
 * name a node declared further down). Also the checks several sections make: conditions and references to ids.
 */
final class ReadContext {
    static final String NAME_PATTERN = "[a-z][a-z0-9_]*";
    static final String NAME_TEXT = "lower-case letters, digits and '_', starting with a letter";
    static final int MAX_TURNS = 60;
    static final int VALUE_LIMIT = 1_000_000;

    final Fields f;
    final Problems problems;
    private final ExpressionCompiler compiler;
    private final SourceText text;
    private ExpressionCompiler.Declared declared;

    ReadContext(Problems problems, ExpressionCompiler compiler, SourceText text) {
        this.f = new Fields(problems);
        this.problems = problems;
        this.compiler = compiler;
        this.text = text;
    }

    void declare(ExpressionCompiler.Declared ids) {
        this.declared = ids;
    }

    ExpressionCompiler.Declared declared() {
        return declared;
    }

    SourceText text() {
        return text;
    }

    Optional<Condition> condition(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.isString()) {
            return compiler.compile(s, ExpressionCompiler.Purpose.CONDITION, declared, text, problems);
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
            problems.error(node.location(), "expected a condition in quotes for " + what + ", found a boolean "
                    + "(write \"" + s.value() + "\" in quotes if you mean it)");
            return Optional.empty();
        }
        problems.error(node.location(), "expected a condition (a string such as \"comfort >= 60\") for " + what
                + ", found " + node.describe());
        return Optional.empty();
    }

    Optional<Condition> value(YamlNode.Scalar s) {
        return compiler.compile(s, ExpressionCompiler.Purpose.VALUE, declared, text, problems);
    }

    /** One id that must be declared. */
    Optional<String> reference(YamlNode node, String what, Set<String> known, String kind) {
        return f.string(node, what).flatMap(id -> {
            if (!known.contains(id)) {
                problems.error(node.location(), (kind.startsWith("move") ? "unknown " : "undeclared ") + kind
                        + " '" + YamlReader.truncate(id, 60) + "' in " + what + Suggestions.hint(id, known));
                return Optional.empty();
            }
            return Optional.of(id);
        });
    }

    /** An id or a list of ids that must all be declared. */
    Optional<List<String>> references(YamlNode node, String what, Set<String> known, String kind) {
        if (node instanceof YamlNode.Scalar) {
            return reference(node, what, known, kind).map(List::of);
        }
        return f.list(node, what).map(items -> {
            List<String> out = new ArrayList<>();
            for (YamlNode item : items) {
                reference(item, what, known, kind).ifPresent(out::add);
            }
            return out;
        });
    }

    <E extends Enum<E>> Optional<E> enumValue(YamlNode node, String what, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return f.string(node, what).flatMap(v -> {
            if (!names.contains(v)) {
                problems.error(node.location(), "unknown " + what + " '" + YamlReader.truncate(v, 40)
                        + "'; expected one of " + String.join(", ", names) + Suggestions.hint(v, names));
                return Optional.empty();
            }
            return Optional.of(Enum.valueOf(type, v));
        });
    }

    /** Reports a second declaration of the same id. */
    void duplicate(Map<String, Location> seen, String id, String what, Location at) {
        Location first = seen.putIfAbsent(id, at);
        if (first != null) {
            problems.error(at, "duplicate " + what + " id '" + id + "' (first declared at line " + first.line()
                    + ", column " + first.column() + ")");
        }
    }

    /** An id that must match {@link #NAME_PATTERN}; reports it otherwise. */
    boolean validName(YamlNode.Entry e, String kind) {
        if (e.key().matches(NAME_PATTERN)) {
            return true;
        }
        problems.error(e.keyLocation(), "'" + YamlReader.truncate(e.key(), 60) + "' is not a valid " + kind
                + "; expected " + NAME_TEXT);
        return false;
    }
}
