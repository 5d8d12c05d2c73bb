package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small expression language as tokens: what the loader checks before JEXL sees the text (so that
 * every mistake gets a precise column and a plain message), and what the linter reads to know which
 * intents, facts, nodes and variables an expression refers to.
 */
final class ExpressionSyntax {
    static final int MAX_LENGTH = 2000;
    static final int MAX_PARENS = 32;
    static final List<String> FUNCTIONS = List.of("matched", "revealed", "move", "at");

    private ExpressionSyntax() {
    }

    enum Type { NUMBER, IDENT, STRING, OP }

    /** @param offset where the token starts in the expression (0-based, in chars) */
    record Token(Type type, String text, int offset) {
        boolean is(String op) {
            return type == Type.OP && text.equals(op);
        }
    }

    /** A lexing failure at an offset of the expression. */
    record LexError(int offset, String message) {
    }

    record Lexed(List<Token> tokens, Optional<LexError> error) {
    }

    /** One {@code var OP number} comparison, normalised so the variable is on the left. */
    record Comparison(String variable, String op, double value) {
        boolean canHold(int min, int max) {
            return switch (op) {
                case "==" -> value >= min && value <= max;
                case "<" -> min < value;
                case "<=" -> min <= value;
                case ">" -> max > value;
                case ">=" -> max >= value;
                default -> true;
            };
        }
    }

    /**
     * What an expression refers to.
     *
     * @param conjunctive true when the expression uses no {@code ||} and no {@code !}: then every comparison and
     *                    function call in it must hold for the whole to hold
     */
    record References(Set<String> variables, Map<String, Set<String>> calls, List<Comparison> comparisons,
                      boolean conjunctive) {
        Set<String> args(String function) {
            return calls.getOrDefault(function, Set.of());
        }
    }

    static Lexed lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
                    i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                    return new Lexed(out, Optional.of(new LexError(start, "'" + word(s, start)
                            + "' is not a number or a name")));
                }
                out.add(new Token(Type.NUMBER, s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Type.IDENT, s.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length()) {
                        value.append(s.charAt(i + 1));
                        i += 2;
                    } else if (d == c) {
                        i++;
                        closed = true;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    return new Lexed(out, Optional.of(new LexError(start, "unterminated string: missing closing "
                            + c)));
                }
                out.add(new Token(Type.STRING, value.toString(), start));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("&&", "||", "==", "!=", "<=", ">=").contains(two)) {
                    out.add(new Token(Type.OP, two, i));
                    i += 2;
                } else if ("!<>+-*/%(),".indexOf(c) >= 0) {
                    out.add(new Token(Type.OP, String.valueOf(c), i));
                    i++;
                } else {
                    return new Lexed(out, Optional.of(new LexError(i, unexpected(c, two))));
                }
            }
        }
        return new Lexed(out, Optional.empty());
    }

    private static String unexpected(char c, String two) {
        return switch (c) {
            case '=' -> "'=' would assign; use '==' to compare";
            case '&' -> "use '&&' for 'and'";
            case '|' -> "use '||' for 'or'";
            case '.' -> "'.' is not allowed: no properties or method calls, only the functions matched, revealed, "
                    + "move and at";
            case '[', ']', '{', '}' -> "lists and maps are not allowed in expressions";
            case ';' -> "an expression is a single condition or value; ';' is not allowed";
            default -> "'" + c + "' is not allowed in expressions (only comparisons, arithmetic, &&, ||, !, "
                    + "parentheses, numbers, true/false, variables and matched/revealed/move/at)";
        };
    }

    private static String word(String s, int start) {
        int end = start;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                || s.charAt(end) == '.')) {
            end++;
        }
        return s.substring(start, end);
    }

    /** References of an expression that lexes; an expression that does not lex refers to nothing. */
    static References references(String source) {
        Lexed lexed = lex(source);
        List<Token> t = lexed.tokens();
        Set<String> variables = new LinkedHashSet<>();
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        List<Comparison> comparisons = new ArrayList<>();
        boolean conjunctive = true;
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.is("||") || k.is("!")) {
                conjunctive = false;
            }
            if (k.type() != Type.IDENT || isLiteral(k.text())) {
                continue;
            }
            boolean call = i + 1 < t.size() && t.get(i + 1).is("(");
            if (call) {
                if (i + 2 < t.size() && t.get(i + 2).type() == Type.STRING) {
                    calls.computeIfAbsent(k.text(), x -> new LinkedHashSet<>()).add(t.get(i + 2).text());
                }
                continue;
            }
            variables.add(k.text());
            comparison(t, i).ifPresent(comparisons::add);
        }
        if (lexed.error().isPresent()) {
            conjunctive = false;
        }
        return new References(variables, calls, comparisons, conjunctive);
    }

    static boolean isLiteral(String ident) {
        return ident.equals("true") || ident.equals("false");
    }

    private static final Set<String> COMPARATORS = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%");

    /** {@code var OP number} or {@code number OP var}, standing alone between logical operators. */
    private static Optional<Comparison> comparison(List<Token> t, int i) {
        String var = t.get(i).text();
        // var OP [-]number
        if (i + 2 < t.size() && COMPARATORS.contains(t.get(i + 1).text()) && t.get(i + 1).type() == Type.OP
                && (i == 0 || !ARITHMETIC.contains(t.get(i - 1).text()))) {
            int n = i + 2;
            boolean negative = t.get(n).is("-");
            if (negative) {
                n++;
            }
            if (n < t.size() && t.get(n).type() == Type.NUMBER
                    && (n + 1 >= t.size() || !ARITHMETIC.contains(t.get(n + 1).text()))) {
                double value = Double.parseDouble(t.get(n).text()) * (negative ? -1 : 1);
                return Optional.of(new Comparison(var, t.get(i + 1).text(), value));
            }
        }
        // number OP var (a leading minus is left alone: it may be a subtraction)
        if (i >= 2 && t.get(i - 2).type() == Type.NUMBER && COMPARATORS.contains(t.get(i - 1).text())
                && t.get(i - 1).type() == Type.OP
                && (i + 1 >= t.size() || !ARITHMETIC.contains(t.get(i + 1).text()))
                && (i < 3 || !ARITHMETIC.contains(t.get(i - 3).text()))) {
            double value = Double.parseDouble(t.get(i - 2).text());
            return Optional.of(new Comparison(var, flip(t.get(i - 1).text()), value));
        }
        return Optional.empty();
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }
}
