package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles the conditions and value expressions of a scenario into {@link Condition}s, once, at load time.
 * Every reference is checked first (variables, intent, fact and node ids, move labels) so a typo is an
 * error at its own column; JEXL then runs with only the expression features the format allows and a
 * sandbox that lets it call nothing but the four functions.
 */
final class ExpressionCompiler {
    /** Names the expression language keeps for itself; a state variable cannot take them. */
    static final Set<String> RESERVED = Set.of("turn", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge",
            "div", "mod", "null", "true", "false", "new", "var", "let", "const", "do", "while", "for", "if",
            "else", "break", "continue", "function", "return", "empty", "size", "switch", "case", "default",
            "import", "matched", "revealed", "move", "at", "NaN");

    static final Set<String> MOVE_ARGUMENTS = Stream.concat(Arrays.stream(MoveLabel.values()).map(MoveLabel::id),
            Stream.of("pressure")).collect(Collectors.toUnmodifiableSet());

    enum Purpose {
        /** Must give true or false. */
        CONDITION,
        /** The new value of a variable: a number or a boolean. */
        VALUE
    }

    /** What the scenario declares, which is all an expression may name. */
    record Declared(Map<String, StateVar> vars, Set<String> intents, Set<String> facts, Set<String> nodes) {
        /** The names an expression may read: the variables and {@code turn}. */
        Set<String> names() {
            return Stream.concat(vars.keySet().stream(), Stream.of("turn")).collect(Collectors.toUnmodifiableSet());
        }

        Set<String> bools() {
            return vars.values().stream().filter(v -> v.type() == StateVar.Type.BOOL).map(StateVar::name)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private final JexlEngine jexl;

    ExpressionCompiler() {
        JexlFeatures features = new JexlFeatures()
                .sideEffect(false).sideEffectGlobal(false).loops(false).newInstance(false).methodCall(false)
                .lambda(false).thinArrow(false).fatArrow(false).pragma(false).pragmaAnywhere(false)
                .namespacePragma(false).importPragma(false).annotation(false).script(false)
                .structuredLiteral(false).localVar(false).arrayReferenceExpr(false).register(false);
        JexlSandbox sandbox = new JexlSandbox(false);
        sandbox.allow(Scope.class.getName()).execute(FUNCTIONS_ARRAY);
        this.jexl = new JexlBuilder()
                .features(features)
                .sandbox(sandbox)
                .permissions(JexlPermissions.RESTRICTED.compose(Scope.class.getPackageName() + ".*"))
                .strict(true).safe(false).silent(false)
                // no stack walking for debug info: every expression gets its JexlInfo from the loader
                .debug(false)
                // reloading a library compiles the same sources again; parsed expressions are immutable
                .cache(1024)
                .create();
    }

    private static final String[] FUNCTIONS_ARRAY = ExpressionSyntax.FUNCTIONS.toArray(String[]::new);

    /**
     * @param where the scalar holding the expression; error columns point inside it where they can
     */
    Optional<Condition> compile(YamlNode.Scalar where, Purpose purpose, Declared declared, SourceText text,
                                Problems problems) {
        String source = where.text();
        ExpressionLocator locator = new ExpressionLocator(where, text);
        if (source.isBlank()) {
            problems.error(where.location(), "empty expression; expected a condition such as \"comfort >= 60\"");
            return Optional.empty();
        }
        if (source.length() > ExpressionSyntax.MAX_LENGTH) {
            problems.error(where.location(), "expression is " + source.length() + " characters long; at most "
                    + ExpressionSyntax.MAX_LENGTH + " are allowed");
            return Optional.empty();
        }
        int errorsBefore = problems.errorCount();
        check(source, declared, locator, problems);
        if (problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        JexlExpression expression;
        try {
            expression = jexl.createExpression(new JexlInfo(problems.file(), 1, 1), source);
        } catch (JexlException e) {
            JexlInfo info = e.getInfo();
            int offset = info == null ? 0 : offsetOf(source, info.getLine(), info.getColumn());
            problems.error(locator.at(offset), "invalid expression: " + describe(e));
            return Optional.empty();
        }
        Condition condition = new Condition(source, new Compiled(expression, declared.names(), declared.bools(), source,
                where.location()), where.location());
        trial(condition, purpose, declared, problems);
        return Optional.of(condition);
    }

    /** Evaluates once on the start values, to catch a condition that gives a number and the like. */
    private static void trial(Condition condition, Purpose purpose, Declared declared, Problems problems) {
        Object value;
        try {
            value = condition.compiled().evaluate(new StartContext(declared));
        } catch (ExpressionFailed e) {
            return; // may fail only on the start values (a division by a variable that starts at 0): not an error
        }
        if (purpose == Purpose.CONDITION && !(value instanceof Boolean)) {
            problems.error(condition.location(), "a condition must be true or false, but \"" + condition.source()
                    + "\" gives " + (value instanceof Number ? "a number" : String.valueOf(value))
                    + "; compare it, e.g. \"" + condition.source() + " > 0\"");
        } else if (purpose == Purpose.VALUE && !(value instanceof Number) && !(value instanceof Boolean)) {
            problems.error(condition.location(), "expected a number or true/false from \"" + condition.source()
                    + "\"");
        }
    }

    private static String describe(JexlException e) {
        String message = String.valueOf(e.getMessage());
        // JEXL's message is "<info>@l:c <kind> error in '<detail>'"; keep what follows the location
        int at = message.indexOf('@');
        int space = at < 0 ? -1 : message.indexOf(' ', at);
        String tail = space < 0 ? message : message.substring(space + 1);
        if (e instanceof JexlException.Parsing || e instanceof JexlException.Ambiguous) {
            return tail.replace("parsing error in", "syntax error near");
        }
        if (e instanceof JexlException.Feature) {
            return tail.replace("error in", "is not allowed:");
        }
        return tail;
    }

    private static int offsetOf(String source, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < source.length(); offset++) {
            if (source.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.max(0, Math.min(source.length() - 1, offset + column - 1));
    }

    private static void check(String source, Declared declared, ExpressionLocator locator, Problems problems) {
        ExpressionSyntax.Lexed lexed = ExpressionSyntax.lex(source);
        List<ExpressionSyntax.Token> t = lexed.tokens();
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            ExpressionSyntax.Token k = t.get(i);
            switch (k.type()) {
                case OP -> {
                    if (k.is("(")) {
                        depth++;
                        if (depth > ExpressionSyntax.MAX_PARENS) {
                            problems.error(locator.at(k.offset()), "parentheses nested deeper than "
                                    + ExpressionSyntax.MAX_PARENS + " levels");
                            return;
                        }
                    } else if (k.is(")")) {
                        depth--;
                    } else if (k.is(",")) {
                        problems.error(locator.at(k.offset()), "unexpected ','; functions take a single id");
                    }
                }
                case STRING -> problems.error(locator.at(k.offset()), "a quoted string can only be the argument of "
                        + "matched(), revealed(), move() or at()");
                case NUMBER -> {
                }
                case IDENT -> i = identifier(t, i, declared, locator, problems);
            }
        }
        lexed.error().ifPresent(e -> problems.error(locator.at(e.offset()), e.message()));
    }

    /** Checks the identifier at {@code i}; returns the index of the last token it consumed. */
    private static int identifier(List<ExpressionSyntax.Token> t, int i, Declared declared,
                                  ExpressionLocator locator, Problems problems) {
        ExpressionSyntax.Token k = t.get(i);
        String name = k.text();
        switch (name) {
            case "true", "false":
                return i;
            case "and":
                problems.error(locator.at(k.offset()), "write '&&' instead of 'and'");
                return i;
            case "or":
                problems.error(locator.at(k.offset()), "write '||' instead of 'or'");
                return i;
            case "not":
                problems.error(locator.at(k.offset()), "write '!' instead of 'not'");
                return i;
            default:
                break;
        }
        boolean call = i + 1 < t.size() && t.get(i + 1).is("(");
        if (!call) {
            if (!name.equals("turn") && !declared.vars().containsKey(name)) {
                List<String> candidates = new ArrayList<>(declared.vars().keySet());
                candidates.add("turn");
                problems.error(locator.at(k.offset()), "unknown variable '" + name + "'" + kindHint(name, declared)
                        + Suggestions.hint(name, candidates));
            }
            return i;
        }
        if (!ExpressionSyntax.FUNCTIONS.contains(name)) {
            problems.error(locator.at(k.offset()), "unknown function '" + name
                    + "'; the functions are matched, revealed, move and at" + Suggestions.hint(name,
                    ExpressionSyntax.FUNCTIONS));
            return i + 1;
        }
        boolean oneString = i + 3 < t.size() && t.get(i + 2).type() == ExpressionSyntax.Type.STRING
                && t.get(i + 3).is(")");
        if (!oneString) {
            problems.error(locator.at(k.offset()), name + "() takes one quoted id, e.g. " + name + "('"
                    + example(name) + "')");
            return closingParen(t, i + 1);
        }
        ExpressionSyntax.Token arg = t.get(i + 2);
        String id = arg.text();
        Set<String> known;
        String what;
        switch (name) {
            case "matched" -> {
                known = declared.intents();
                what = "intent";
            }
            case "revealed" -> {
                known = declared.facts();
                what = "fact";
            }
            case "at" -> {
                known = declared.nodes();
                what = "node";
            }
            default -> {
                known = MOVE_ARGUMENTS;
                what = "move label";
            }
        }
        if (!known.contains(id)) {
            problems.error(locator.at(arg.offset() + 1), (what.equals("move label") ? "unknown " : "undeclared ") + what
                    + " '" + YamlReader.truncate(id, 60) + "' in " + name + "()" + Suggestions.hint(id, known));
        }
        return i + 3;
    }

    /** The index of the ')' matching the '(' at {@code open}, or the last token. */
    private static int closingParen(List<ExpressionSyntax.Token> t, int open) {
        int depth = 0;
        for (int j = open; j < t.size(); j++) {
            if (t.get(j).is("(")) {
                depth++;
            } else if (t.get(j).is(")") && --depth == 0) {
                return j;
            }
        }
        return t.size() - 1;
    }

    private static String example(String function) {
        return switch (function) {
            case "matched" -> "asks_what_changed";
            case "revealed" -> "budget_freeze";
            case "move" -> "dtr_ask";
            default -> "opening_up";
        };
    }

    private static String kindHint(String name, Declared declared) {
        if (declared.intents().contains(name)) {
            return " ('" + name + "' is an intent: write matched('" + name + "'))";
        }
        if (declared.facts().contains(name)) {
            return " ('" + name + "' is a fact: write revealed('" + name + "'))";
        }
        if (declared.nodes().contains(name)) {
            return " ('" + name + "' is a node: write at('" + name + "'))";
        }
        return "";
    }

    /** The compiled form: evaluation builds one small adapter over the caller's context and nothing else. */
    private record Compiled(JexlExpression expression, Set<String> names, Set<String> bools, String source,
                            Location location)
            implements Condition.CompiledExpression {
        @Override
        public Object evaluate(ExpressionContext context) {
            try {
                return expression.evaluate(new Scope(context, names, bools));
            } catch (JexlException | ArithmeticException e) {
                throw new ExpressionFailed(location, source, e);
            }
        }
    }

    /**
     * What JEXL sees: variables (booleans as true/false) and, as the unnamed namespace, the four functions.
     * Public only because JEXL calls the functions reflectively; the sandbox allows nothing else.
     */
    public static final class Scope implements JexlContext, JexlContext.NamespaceResolver {
        private final ExpressionContext context;
        private final Set<String> names;
        private final Set<String> bools;

        Scope(ExpressionContext context, Set<String> names, Set<String> bools) {
            this.context = context;
            this.names = names;
            this.bools = bools;
        }

        @Override
        public Object get(String name) {
            if (!names.contains(name)) {
                return null; // JEXL asks for function names too, to see whether they are variables
            }
            int value = context.variable(name);
            return bools.contains(name) ? Boolean.valueOf(value != 0) : Integer.valueOf(value);
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("expressions cannot assign");
        }

        @Override
        public boolean has(String name) {
            return names.contains(name);
        }

        @Override
        public Object resolveNamespace(String name) {
            return name == null ? this : null;
        }

        public boolean matched(String intentId) {
            return context.matched(intentId);
        }

        public boolean revealed(String factId) {
            return context.revealed(factId);
        }

        public boolean move(String label) {
            return context.move(label);
        }

        public boolean at(String nodeId) {
            return context.at(nodeId);
        }
    }

    /** The start state, turn 1, nothing matched: used for the trial evaluation. */
    private record StartContext(Declared declared) implements ExpressionContext {
        @Override
        public int variable(String name) {
            StateVar v = declared.vars().get(name);
            return v == null ? 1 : v.clamp(v.start());
        }

        @Override
        public boolean isBool(String name) {
            StateVar v = declared.vars().get(name);
            return v != null && v.type() == StateVar.Type.BOOL;
        }

        @Override
        public boolean matched(String intentId) {
            return false;
        }

        @Override
        public boolean revealed(String factId) {
            return false;
        }

        @Override
        public boolean move(String label) {
            return false;
        }

        @Override
        public boolean at(String nodeId) {
            return false;
        }
    }
}
