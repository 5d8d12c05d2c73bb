package io.dtrcoach.core.scenario;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's expectation on a state value: {@code ">= 60"}, {@code "== 1"} (booleans compare as 1 and 0). */
public record Comparison(Op op, int target) {
    private static final Pattern FORM = Pattern.compile("\\s*(==|!=|<=|>=|<|>)?\\s*(-?\\d{1,9}|true|false)\\s*");

    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /** {@code ">= 60"}, {@code "< 50"}, {@code "== 1"}, {@code "true"} or a bare number (equality). */
    public static Optional<Comparison> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String raw = m.group(2);
        int target = "true".equals(raw) ? 1 : "false".equals(raw) ? 0 : Integer.parseInt(raw);
        return Optional.of(new Comparison(m.group(1) == null ? Op.EQ : Op.of(m.group(1)), target));
    }

    public boolean holds(int value) {
        return switch (op) {
            case EQ -> value == target;
            case NE -> value != target;
            case LT -> value < target;
            case LE -> value <= target;
            case GT -> value > target;
            case GE -> value >= target;
        };
    }

    @Override
    public String toString() {
        return op.symbol + " " + target;
    }
}
