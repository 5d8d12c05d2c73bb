package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Options;

import java.io.IOException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Helpers that turn values into words. Their names must not collide with view-model keys: in
 * Handlebars.java a helper wins over a property of the same name ({@code {{score}}} would call a
 * helper called {@code score}), hence {@code round}, {@code asPercent}, {@code formatDate}.
 * Each returns a plain {@link String}, so Handlebars escapes it
 * like any other value; none of them can emit markup.
 */
final class TextHelpers {

    private TextHelpers() {
    }

    static void register(Handlebars handlebars, ZoneId zone) {
        // {{round 72.4}} → 72; "—" when not scored
        handlebars.registerHelper("round", (Object value, Options options) ->
                Values.number(value).map(Labels::score).orElse("—"));
        // {{scoreClass score pass=70}} → score-good | score-ok | score-low | score-none
        handlebars.registerHelper("scoreClass", (Object value, Options options) ->
                Labels.scoreClass(Values.number(value).orElse(null),
                        Values.number(options.hash("pass")).orElse(null)));
        // {{heatClass score}} → heat-0 … heat-4 | heat-none
        handlebars.registerHelper("heatClass", (Object value, Options options) ->
                Heatmap.band(Values.number(value).orElse(null)));
        // {{asPercent 0.43}} → 43%  (a fraction in [0, 1])
        handlebars.registerHelper("asPercent", (Object value, Options options) ->
                Values.number(value).map(v -> Math.round(v * 100) + "%").orElse("—"));
        // {{asConfidence 0.87}} → 87% confidence, for title attributes on move chips
        handlebars.registerHelper("asConfidence", (Object value, Options options) ->
                Values.number(value).map(v -> Math.round(v * 100) + "% confidence").orElse(""));
        // {{formatDate at}} / {{formatDate at format="d MMM"}}
        handlebars.registerHelper("formatDate", (Object value, Options options) ->
                Dates.format(value, Values.hashText(options, "format", Dates.DEFAULT_PATTERN), zone));
        // {{isoDate at}} for <time datetime="…">
        handlebars.registerHelper("isoDate", (Object value, Options options) -> Dates.iso(value, zone));
        handlebars.registerHelper("moveLabel", (Object value, Options options) -> Labels.move(str(value)));
        handlebars.registerHelper("moveClass", (Object value, Options options) -> Labels.moveClass(str(value)));
        // {{humanize "no_sale"}} → No sale; also dimension names, endings, roles
        handlebars.registerHelper("humanize", (Object value, Options options) -> Labels.humanize(str(value)));
        // {{plural count "turn" "turns"}} → "1 turn" / "3 turns"
        handlebars.registerHelper("plural", (Object value, Options options) -> {
            long n = Values.number(value).map(Math::round).orElse(0L);
            String one = options.param(0, "");
            String many = options.param(1, one + "s");
            return n + " " + (n == 1 ? one : many);
        });
        // {{initials "Maria Ortiz"}} → MO (avatar)
        handlebars.registerHelper("initials", (Object value, Options options) -> initials(str(value)));
        // {{add turnsUsed 1}}
        handlebars.registerHelper("add", (Object value, Options options) -> {
            double sum = Values.number(value).orElse(0.0);
            for (Object p : options.params) {
                sum += Values.number(p).orElse(0.0);
            }
            return Labels.score(sum);
        });
        // {{delta after before}} → "+7" / "−3"; empty when unchanged or unknown
        handlebars.registerHelper("delta", (Object after, Options options) -> {
            var a = Values.number(after);
            var b = Values.number(options.param(0, null));
            if (a.isEmpty() || b.isEmpty() || Math.round(a.get()) == Math.round(b.get())) {
                return "";
            }
            long d = Math.round(a.get()) - Math.round(b.get());
            return d > 0 ? "+" + d : "\u2212" + Math.abs(d);
        });
        // {{concat "trend-" rep.id}} for ids and labels built from parts
        handlebars.registerHelper("concat", (Object first, Options options) -> {
            StringBuilder sb = new StringBuilder(str(first));
            for (Object p : options.params) {
                sb.append(str(p));
            }
            return sb.toString();
        });
        // eq/neq compare as text, so an id that arrives as 3 matches a query parameter "3"
        // (replaces Handlebars' ConditionalHelpers.eq/neq, which use equals()).
        handlebars.registerHelper("eq", (Object a, Options options) -> {
            boolean same = sameText(a, options.param(0, null));
            return conditional(same, options);
        });
        handlebars.registerHelper("neq", (Object a, Options options) -> {
            boolean same = sameText(a, options.param(0, null));
            return conditional(!same, options);
        });
        // {{#with (firstTurnWithMove report.turns "dtr_ask")}}Turn {{this}}{{else}}never{{/with}}
        handlebars.registerHelper("firstTurnWithMove", (Object turns, Options options) -> {
            String label = str(options.param(0, ""));
            List<Object> list = Values.list(turns);
            for (int i = 0; i < list.size(); i++) {
                if (TimelineChart.moveLabels(list.get(i)).contains(label)) {
                    return TimelineChart.turnNumber(list.get(i), i);
                }
            }
            return null;
        });
        // {{#with (latestOverride overrides "timing")}}…{{/with}}: the override in effect for a score, if any
        // (overrides oldest first, as the API lists them)
        handlebars.registerHelper("latestOverride", (Object overrides, Options options) -> {
            String dimension = str(options.param(0, ""));
            Object latest = null;
            for (Object o : Values.list(overrides)) {
                if (dimension.equals(Values.text(o, "dimension"))) {
                    latest = o;
                }
            }
            return latest;
        });
        // {{prospectName scenario}}: persona.name, or the scenario card's prospect.name, or the brief's one-liner
        handlebars.registerHelper("prospectName", (Object scenario, Options options) -> {
            String name = Values.text(scenario, "persona.name");
            if (name.isEmpty()) {
                name = Values.text(scenario, "prospect.name");
            }
            if (name.isEmpty()) {
                name = Values.text(scenario, "brief.prospect");
            }
            return name.isEmpty() ? "Prospect" : name;
        });
        // {{prospectRole scenario}}: "CFO, Brightline" from persona or prospect {role, company}
        handlebars.registerHelper("prospectRole", (Object scenario, Options options) -> {
            for (String who : List.of("persona", "prospect")) {
                String role = Values.text(scenario, who + ".role");
                String company = Values.text(scenario, who + ".company");
                if (!role.isEmpty() || !company.isEmpty()) {
                    return role.isEmpty() ? company : company.isEmpty() || role.contains(company) ? role
                            : role + ", " + company;
                }
            }
            return "";
        });
        // {{#ifRole "manager" "admin"}}…{{else}}…{{/ifRole}}: reads user.role or user.roles from the context
        handlebars.registerHelper("ifRole", (Object first, Options options) -> {
            Set<String> wanted = new HashSet<>();
            wanted.add(str(first));
            for (Object p : options.params) {
                wanted.add(str(p));
            }
            Object user = options.get("user");
            return hasAnyRole(user, wanted) ? options.fn() : options.inverse();
        });
    }

    private static boolean sameText(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    /** Block form renders fn/inverse; sub-expression form ({@code (eq a b)}) returns a boolean. */
    private static Object conditional(boolean value, Options options) throws IOException {
        if (options.tagType.inline()) {
            return value;
        }
        return value ? options.fn() : options.inverse();
    }

    static boolean hasAnyRole(Object user, Set<String> wanted) {
        if (user == null) {
            return false;
        }
        List<Object> roles = Values.list(Values.get(user, "roles").orElse(null));
        if (roles.stream().map(String::valueOf).anyMatch(wanted::contains)) {
            return true;
        }
        return Values.get(user, "role").map(String::valueOf).filter(wanted::contains).isPresent();
    }

    static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.trim().split("[\\s._@-]+")) {
            if (!part.isEmpty() && sb.length() < 2) {
                sb.appendCodePoint(part.codePointAt(0));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static String str(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
