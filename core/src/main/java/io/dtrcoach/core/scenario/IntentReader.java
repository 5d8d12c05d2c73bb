package io.dtrcoach.core.scenario;

import io.dtrcoach.core.classify.MoveLabel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the scenario's own topic {@code intents} (the incumbent, the security review). Generic acts belong to the
 * shared move vocabulary: an intent named after a move is an error that says to match the move instead.
 */
final class IntentReader {
    private final ReadContext ctx;
    private final Fields f;

    IntentReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<Map<String, Intent>> intents(YamlNode node) {
        return f.mapping(node, "intents").map(m -> {
            Map<String, Intent> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) {
                String id = e.key();
                if (!ctx.validName(e, "intent id")) {
                    continue;
                }
                sharedMoveNamed(id).ifPresent(move -> ctx.problems.error(e.keyLocation(), "intent '" + id
                        + "' redefines the shared move '" + move + "': match {move: " + move + "} instead (generic "
                        + "acts are judged once, for the persona and the report alike; see docs/labelling.md)"));
                String what = "intent '" + id + "'";
                f.mapping(e.value(), what).ifPresent(im -> {
                    Fields.Section s = f.section(im, what, e.keyLocation(), Set.of("examples", "keywords",
                            "threshold", "description"));
                    List<String> examples = s.optional("examples", n -> f.strings(n, what + " examples", false))
                            .orElse(List.of());
                    List<String> keywords = s.optional("keywords", n -> f.strings(n, what + " keywords", false))
                            .orElse(List.of());
                    double threshold = s.optional("threshold", n -> f.number(n, what + " threshold", 0.0, 1.0))
                            .orElse(Intent.DEFAULT_THRESHOLD);
                    String description = s.optional("description", n -> f.line(n, what + " description"))
                            .orElse("");
                    if (examples.isEmpty() && keywords.isEmpty() && !s.has("examples") && !s.has("keywords")) {
                        ctx.problems.error(e.keyLocation(), what + " has neither examples nor keywords, so it can "
                                + "never match");
                    } else if (examples.isEmpty() && keywords.isEmpty()) {
                        ctx.problems.error(e.keyLocation(), what + " has no examples and no keywords, so it can never "
                                + "match");
                    }
                    if (examples.stream().anyMatch(String::isBlank) || keywords.stream().anyMatch(String::isBlank)) {
                        ctx.problems.error(e.keyLocation(), what + " has an empty example or keyword");
                    }
                    out.put(id, new Intent(id, examples, keywords, threshold, description, e.keyLocation()));
                });
            }
            return out;
        });
    }

    /**
     * The shared move an intent id names: the label itself or a plain inflection of it ({@code acknowledges},
     * {@code pitches}, {@code pitches_more}, {@code summarises}), or any {@code pressure_…} name.
     */
    static Optional<String> sharedMoveNamed(String id) {
        if (id.equals(MoveLabel.PRESSURE) || id.startsWith(MoveLabel.PRESSURE + "_")) {
            return Optional.of(MoveLabel.PRESSURE);
        }
        String bare = id.endsWith("_more") ? id.substring(0, id.length() - "_more".length()) : id;
        for (MoveLabel l : MoveLabel.values()) {
            if (l == MoveLabel.OTHER || l.isForm() || l.isPressure()) {
                continue;
            }
            String label = l.id();
            String stem = label.endsWith("y") ? label.substring(0, label.length() - 1) + "i"
                    : label.endsWith("e") ? label.substring(0, label.length() - 1) : label;
            if (List.of(label, label + "s", label + "es", stem + "es", stem + "ses", stem + "zes").contains(bare)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
