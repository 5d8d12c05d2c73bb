package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A transcript read once for scoring: the turns, their questions and words, and what the engine can tell. */
final class Conversation {
    private static final Set<String> UNLABELLED = Set.of(MoveLabel.OTHER.id(), MoveLabel.RAPPORT.id());

    private final Engine engine;
    private final Transcript transcript;
    private final List<Asked> asked;

    /** The questions one turn asked. */
    record Asked(int open, int closed) {
        int total() {
            return open + closed;
        }
    }

    Conversation(Engine engine, Transcript transcript) {
        this.engine = engine;
        this.transcript = transcript;
        this.asked = transcript.turns().stream().map(Conversation::questionsIn).toList();
    }

    /**
     * The classifier's open/closed (leading counts as closed) when it gave them; the words only for a line it
     * saw as nothing in particular, so that a DTR ask or a summary's "did I get that right?" is not coded closed.
     */
    private static Asked questionsIn(Turn t) {
        boolean open = t.hasMove(MoveLabel.OPEN_QUESTION.id());
        boolean closed = t.hasMove(MoveLabel.CLOSED_QUESTION.id()) || t.hasMove(MoveLabel.PRESSURE_LEADING.id());
        boolean unlabelled = t.moves().stream().allMatch(m -> UNLABELLED.contains(m.label()));
        if (!open && !closed && unlabelled) {
            List<String> qs = Questions.of(t.rep());
            if (!qs.isEmpty()) {
                if (Questions.isOpen(qs.get(qs.size() - 1))) {
                    open = true;
                } else {
                    closed = true;
                }
            }
        }
        return new Asked(open ? 1 : 0, closed ? 1 : 0);
    }

    Scenario scenario() {
        return engine.scenario();
    }

    Transcript transcript() {
        return transcript;
    }

    List<Turn> turns() {
        return transcript.turns();
    }

    boolean isEmpty() {
        return transcript.turns().isEmpty();
    }

    Optional<Turn> turn(int number) {
        return turns().stream().filter(t -> t.number() == number).findFirst();
    }

    Optional<Turn> previous(Turn t) {
        int i = turns().indexOf(t);
        return i > 0 ? Optional.of(turns().get(i - 1)) : Optional.empty();
    }

    Optional<Turn> last() {
        return isEmpty() ? Optional.empty() : Optional.of(turns().get(turns().size() - 1));
    }

    Optional<Turn> first(String label) {
        return turns().stream().filter(t -> t.hasMove(label)).findFirst();
    }

    Asked asked(Turn t) {
        return asked.get(turns().indexOf(t));
    }

    /** The facts known before this turn (revealed on earlier turns). */
    List<String> revealedBefore(Turn t) {
        List<String> out = new ArrayList<>();
        for (Turn u : turns()) {
            if (u.number() >= t.number()) {
                break;
            }
            out.addAll(u.revealed());
        }
        return out;
    }

    /** Whether the scenario's {@code timing.ready_when} held just before this turn. */
    boolean readyBefore(Turn t) {
        return engine.ready(t.stateBefore(), t.number(), revealedBefore(t), t.nodeBefore());
    }

    /** Everything the prospect said before this turn: the opening and the earlier replies. */
    String prospectBefore(Turn t) {
        StringBuilder sb = new StringBuilder(transcript.opening());
        for (Turn u : turns()) {
            if (u.number() >= t.number()) {
                break;
            }
            sb.append(' ').append(u.prospect());
        }
        return sb.toString();
    }

    int repWords() {
        return turns().stream().mapToInt(t -> Words.count(t.rep())).sum();
    }

    int prospectWords() {
        return Words.count(transcript.opening()) + turns().stream().mapToInt(t -> Words.count(t.prospect())).sum();
    }

    Evidence evidence(Turn t, String note) {
        return new Evidence(t.number(), t.rep(), t.stateBefore(), note);
    }

    /** The persona's first name, for explanations ("while Dana was ready"). */
    String prospectName() {
        String name = scenario().persona().name();
        if (name == null || name.isBlank()) {
            return "the prospect";
        }
        return name.strip().split("\\s+")[0];
    }

    /**
     * The variables the readiness condition reads, quoted as {@code comfort 62, defensiveness 20}; comfort and
     * defensiveness when the condition names neither.
     */
    String quoteReadiness(Map<String, Integer> state) {
        String source = scenario().timing().readyWhen().source();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : state.entrySet()) {
            if (source.matches("(?s).*\\b" + java.util.regex.Pattern.quote(e.getKey()) + "\\b.*")) {
                parts.add(e.getKey() + " " + e.getValue());
            }
        }
        if (parts.isEmpty()) {
            for (String name : List.of("comfort", "defensiveness")) {
                if (state.containsKey(name)) {
                    parts.add(name + " " + state.get(name));
                }
            }
        }
        return String.join(", ", parts);
    }
}
