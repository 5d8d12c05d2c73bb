package io.dtrcoach.core.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code llm}: how a language model plays the persona. Everything in it is sent to the model from the first
 * turn, so {@link #checkLocked} reports any text in it that names a locked fact, and any fact's {@code llm_hint}
 * that names another fact it does not wait for.
 */
final class LlmReader {
    private final ReadContext ctx;
    private final Fields f;
    /** Each text of the section as written, keyed as in {@link LlmPersona#locations()}. */
    private final Map<String, YamlNode.Scalar> written = new LinkedHashMap<>();

    LlmReader(ReadContext ctx) {
        this.ctx = ctx;
        this.f = ctx.f;
    }

    Optional<LlmPersona> llm(YamlNode node, Location owner) {
        return f.mapping(node, "llm").flatMap(m -> {
            Fields.Section s = f.section(m, "llm", owner, Set.of("background", "personality", "style",
                    "style_examples", "never_say"));
            Optional<String> background = s.required("background", n -> f.line(n, "llm.background"));
            Optional<String> personality = s.required("personality", n -> f.line(n, "llm.personality"));
            Optional<String> style = s.required("style", n -> f.line(n, "llm.style"));
            List<String> examples = s.optional("style_examples", n -> f.strings(n, "llm.style_examples", false))
                    .orElse(List.of());
            List<String> neverSay = s.optional("never_say", n -> f.strings(n, "llm.never_say", false))
                    .orElse(List.of());
            if (background.isEmpty() || personality.isEmpty() || style.isEmpty()) {
                return Optional.empty();
            }
            for (String key : List.of("background", "personality", "style")) {
                s.optional(key).filter(n -> n instanceof YamlNode.Scalar).ifPresent(n -> written.put(key,
                        (YamlNode.Scalar) n));
            }
            for (String key : List.of("style_examples", "never_say")) {
                s.optional(key).filter(n -> n instanceof YamlNode.Sequence).ifPresent(n -> {
                    List<YamlNode> items = ((YamlNode.Sequence) n).items();
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof YamlNode.Scalar sc) {
                            written.put(key + "[" + i + "]", sc);
                        }
                    }
                });
            }
            Map<String, Location> locations = new LinkedHashMap<>();
            written.forEach((k, sc) -> locations.put(k, sc.location()));
            return Optional.of(new LlmPersona(background.get(), personality.get(), style.get(), examples, neverSay,
                    locations));
        });
    }

    /**
     * Locked facts must not reach the model: the {@code llm} texts may name no fact at all (they are sent before any
     * reveal), and a fact's {@code llm_hint} (sent once that fact is revealed) may name only facts whose
     * {@code reveal_when} it already requires. Each mention is an error at its own line and column.
     */
    void checkLocked(List<Fact> facts, Map<String, YamlNode.Scalar> hints) {
        written.forEach((key, scalar) -> {
            for (Fact fact : facts) {
                mentions(scalar, "llm." + key, fact, "is sent to the model from the first turn");
            }
        });
        for (Fact owner : facts) {
            YamlNode.Scalar hint = hints.get(owner.id());
            if (hint == null) {
                continue;
            }
            for (Fact other : facts) {
                if (other != owner && !owner.revealWhen().source().contains("revealed('" + other.id() + "')")) {
                    mentions(hint, "the llm_hint of fact '" + owner.id() + "'", other,
                            "joins the prompt as soon as '" + owner.id() + "' is revealed");
                }
            }
        }
    }

    private void mentions(YamlNode.Scalar scalar, String where, Fact fact, String why) {
        for (FactMentions.Mention m : FactMentions.find(scalar.text(), fact)) {
            String found = scalar.text().substring(m.start(), m.end());
            ctx.problems.error(locate(scalar, found), where + " names the locked fact '" + fact.id() + "' (\""
                    + YamlReader.truncate(found, 40) + "\", a giveaway of it) but " + why + "; move it to the "
                    + "fact's llm_hint, which joins the prompt only once the fact is revealed");
        }
    }

    private Location locate(YamlNode.Scalar scalar, String found) {
        int[] at = ctx.text().find(found, scalar.location().line());
        return at == null ? scalar.location() : new Location(scalar.location().file(), at[0], at[1]);
    }
}
