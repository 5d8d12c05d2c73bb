package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads what the rep sees and who they talk to: {@code brief}, {@code persona} and {@code mode}. */
final class BriefReader {
    private final ReadContext ctx;
    private final Fields f;

    BriefReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<Brief> brief(YamlNode node, Location owner) {
        return f.mapping(node, "brief").flatMap(m -> {
            Fields.Section s = f.section(m, "brief", owner,
                    Set.of("prospect", "situation", "history", "objective", "max_turns"));
            Optional<String> prospect = s.required("prospect", n -> f.line(n, "brief.prospect"));
            Optional<String> situation = s.required("situation", n -> f.line(n, "brief.situation"));
            Optional<Brief.History> history = s.required("history").flatMap(n -> history(n,
                    s.keyLocation("history").orElseThrow()));
            Optional<String> objective = s.required("objective", n -> f.line(n, "brief.objective"));
            Optional<Integer> maxTurns = s.required("max_turns", n -> f.integer(n, "brief.max_turns", 1,
                    ReadContext.MAX_TURNS));
            if (prospect.isEmpty() || situation.isEmpty() || history.isEmpty() || objective.isEmpty()
                    || maxTurns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Brief(prospect.get(), situation.get(), history.get(), objective.get(),
                    maxTurns.get()));
        });
    }

    private Optional<Brief.History> history(YamlNode node, Location owner) {
        return f.mapping(node, "brief.history").flatMap(m -> {
            Fields.Section s = f.section(m, "brief.history", owner,
                    Set.of("weeks_in_cycle", "demos", "scoped", "pricing_sent", "references_called", "events"));
            Optional<Integer> weeks = s.required("weeks_in_cycle", n -> f.integer(n, "weeks_in_cycle", 0, 520));
            Optional<Integer> demos = s.required("demos", n -> f.integer(n, "demos", 0, 100));
            Optional<Boolean> scoped = s.required("scoped", n -> f.bool(n, "scoped"));
            Optional<Boolean> pricing = s.required("pricing_sent", n -> f.bool(n, "pricing_sent"));
            Optional<Integer> refs = s.required("references_called", n -> f.integer(n, "references_called", 0,
                    100));
            List<String> events = s.optional("events", n -> f.strings(n, "events", false)).orElse(List.of());
            if (weeks.isEmpty() || demos.isEmpty() || scoped.isEmpty() || pricing.isEmpty() || refs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Brief.History(weeks.get(), demos.get(), scoped.get(), pricing.get(), refs.get(),
                    events));
        });
    }

    Optional<Persona> persona(YamlNode node, Location owner) {
        return f.mapping(node, "persona").flatMap(m -> {
            Fields.Section s = f.section(m, "persona", owner, Set.of("name", "role", "company", "voice", "openers"));
            Optional<String> name = s.required("name", n -> f.line(n, "persona.name"));
            Optional<String> role = s.required("role", n -> f.line(n, "persona.role"));
            String company = s.optional("company", n -> f.string(n, "persona.company")).orElse("");
            List<String> voice = s.optional("voice", n -> f.strings(n, "persona.voice", false)).orElse(List.of());
            Optional<List<String>> openers = s.required("openers", n -> f.lines(n, "persona.openers", false));
            if (name.isEmpty() || role.isEmpty() || openers.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Persona(name.get(), role.get(), company, voice, openers.get()));
        });
    }

    Optional<List<Scenario.Mode>> modes(YamlNode node) {
        return f.list(node, "mode").flatMap(items -> {
            if (items.isEmpty()) {
                ctx.problems.error(node.location(), "mode needs at least one of scripted, llm");
                return Optional.empty();
            }
            List<Scenario.Mode> out = new ArrayList<>();
            for (YamlNode item : items) {
                ctx.enumValue(item, "mode", Scenario.Mode.class).ifPresent(mode -> {
                    if (out.contains(mode)) {
                        ctx.problems.error(item.location(), "mode '" + mode + "' is listed twice");
                    }
                    out.add(mode);
                });
            }
            return Optional.of(List.copyOf(new LinkedHashSet<>(out)));
        });
    }
}
