package io.dtrcoach.core.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads how a call ends and how it is judged: {@code endings} and {@code rubric}. */
final class EndingReader {
    static final Set<String> RESERVED_ENDINGS = Set.of("rep_ended", "turn_limit");
    static final List<String> RUBRIC_DIMENSIONS = Rubric.DIMENSIONS;

    private final ReadContext ctx;
    private final Fields f;

    EndingReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<Map<String, Ending>> endings(YamlNode node) {
        return f.mapping(node, "endings").flatMap(m -> {
            if (m.entries().isEmpty()) {
                ctx.problems.error(node.location(), "endings needs at least one ending");
                return Optional.empty();
            }
            Map<String, Ending> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String id = e.key();
                if (!ctx.validName(e, "ending id")) {
                    continue;
                }
                if (RESERVED_ENDINGS.contains(id)) {
                    ctx.problems.error(e.keyLocation(), "'" + id + "' is a built-in ending (the call ends that way "
                            + "by itself); choose another id");
                    continue;
                }
                String what = "ending '" + id + "'";
                f.mapping(e.value(), what).ifPresent(em -> {
                    Fields.Section s = f.section(em, what, e.keyLocation(), Set.of("when", "outcome", "description",
                            "say", "success"));
                    Optional<Condition> when = s.required("when").flatMap(n -> ctx.condition(n, "when"));
                    Optional<Ending.Outcome> outcome = s.required("outcome", n -> ctx.enumValue(n, "outcome",
                            Ending.Outcome.class));
                    String description = s.optional("description", n -> f.string(n, "description")).orElse("");
                    Optional<String> say = s.optional("say", n -> f.line(n, "say"));
                    boolean success = s.optional("success", n -> f.bool(n, what + " success")).orElse(false);
                    if (success && outcome.isPresent() && !outcome.get().isClearAnswer()) {
                        ctx.problems.error(s.keyLocation("success").orElseThrow(), what + " is marked a success but "
                                + "its outcome is " + outcome.get() + "; a success is a clear yes, a clean no or a "
                                + "dated next step");
                    }
                    if (when.isPresent() && outcome.isPresent()) {
                        out.put(id, new Ending(id, when.get(), outcome.get(), description, say, success,
                                e.keyLocation()));
                    }
                });
            }
            return Optional.of(out);
        });
    }

    Optional<Rubric> rubric(YamlNode node, Location owner) {
        return f.mapping(node, "rubric").flatMap(m -> {
            Fields.Section s = f.section(m, "rubric", owner, Set.of("weights", "pass"));
            Optional<Map<String, Double>> weights = s.optional("weights").flatMap(n -> f.mapping(n, "rubric.weights"))
                    .flatMap(w -> {
                        Fields.Section ws = f.section(w, "rubric.weights", s.keyLocation("weights").orElseThrow(),
                                Set.copyOf(RUBRIC_DIMENSIONS));
                        Map<String, Double> out = new LinkedHashMap<>();
                        for (String d : RUBRIC_DIMENSIONS) {
                            ws.required(d, n -> f.number(n, "weight of " + d, 0, 1)).ifPresent(x -> out.put(d, x));
                        }
                        if (out.size() != RUBRIC_DIMENSIONS.size()) {
                            return Optional.empty();
                        }
                        double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
                        if (Math.abs(sum - 1.0) > 0.01) {
                            ctx.problems.error(w.location(), String.format("rubric weights must add up to 1 (±0.01); "
                                    + "they add up to %.3f", sum));
                            return Optional.empty();
                        }
                        return Optional.of(out);
                    });
            int pass = s.optional("pass", n -> f.integer(n, "rubric.pass", 0, 100)).orElse(Rubric.DEFAULT_PASS);
            if (s.has("weights") && weights.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Rubric(weights.orElse(Rubric.DEFAULT_WEIGHTS), pass));
        });
    }
}
