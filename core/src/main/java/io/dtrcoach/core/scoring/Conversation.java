package io.dtrcoach.core.scoring;

import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.Transcript;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.scenario.Scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A transcript read once for scoring: the turns, their questions and words, and what the engine can tell. */
final class Conversation {
    private static final Set<String> UNLABELLED = Set.of(MoveLabel.OTHER.id(), MoveLabel.RAPPORT.id());

    private final Engine engine;
    private final Transcript transcript;
    private final List<Line> lines;
    /** Position of each turn; by identity, since Turn equality compares whole states. */
    private final Map<Turn, Integer> index = new IdentityHashMap<>();
    /** Facts known before each turn, by position. */
    private final List<List<String>> revealedBefore;
    /** The state variables that {@code timing.ready_when} reads. */
    private final List<String> readinessVars;

    /** The questions one turn asked, as counted for MITI's open:closed. */
    record Asked(int open, int closed) {
        int total() {
            return open + closed;
        }
    }

    /** One question sentence and what kind it is. */
    record Question(String text, boolean open, boolean calibrated, boolean noOriented) {
        static Question of(String text) {
            Questions.Kind k = Questions.kind(text);
            return new Question(text, k.open(), k.calibrated(), k.noOriented());
        }
    }

    /** One turn's words and questions, read once. */
    record Line(int repWords, int prospectWords, Set<String> prospectContent, List<Question> questions, Asked asked) {
    }

    Conversation(Engine engine, Transcript transcript) {
        this.engine = engine;
        this.transcript = transcript;
        this.lines = transcript.turns().stream().map(Conversation::read).toList();
        List<List<String>> before = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (int i = 0; i < transcript.turns().size(); i++) {
            Turn t = transcript.turns().get(i);
            index.put(t, i);
            before.add(List.copyOf(known));
            known.addAll(t.revealed());
        }
        this.revealedBefore = before;
        String source = engine.scenario().timing().readyWhen().source();
        this.readinessVars = engine.scenario().state().keySet().stream()
                .filter(v -> Pattern.compile("\\b" + Pattern.quote(v) + "\\b").matcher(source).find())
                .toList();
    }

    /**
     * The classifier's open/closed (leading counts as closed) when it gave them; the words only for a line it
     * saw as nothing in particular. A summary's "did I get that right?" is part of the reflection (MITI codes
     * reflections apart from questions), so a summary turn's closed form is not counted.
     */
    private static Line read(Turn t) {
        List<Question> questions = Questions.of(t.rep()).stream().map(Question::of).toList();
        return new Line(Words.count(t.rep()), Words.count(t.prospect()), Words.content(t.prospect()), questions,
                asked(t, questions));
    }

    private static Asked asked(Turn t, List<Question> questions) {
        boolean open = t.hasMove(MoveLabel.OPEN_QUESTION.id());
        boolean closed = (t.hasMove(MoveLabel.CLOSED_QUESTION.id()) && !t.hasMove(MoveLabel.SUMMARY.id()))
                || t.hasMove(MoveLabel.PRESSURE_LEADING.id());
        boolean unlabelled = t.moves().stream().allMatch(m -> UNLABELLED.contains(m.label()));
        if (!open && !closed && unlabelled) {
            if (!questions.isEmpty()) {
                if (questions.get(questions.size() - 1).open()) {
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
        int i = index.get(t);
        return i > 0 ? Optional.of(turns().get(i - 1)) : Optional.empty();
    }

    Optional<Turn> last() {
        return isEmpty() ? Optional.empty() : Optional.of(turns().get(turns().size() - 1));
    }

    Optional<Turn> first(String label) {
        return turns().stream().filter(t -> t.hasMove(label)).findFirst();
    }

    /**
     * The first DTR ask: a {@code dtr_ask} move, or permission to say no and a question in one breath ("If this
     * is dead, that's okay. What happened last Tuesday?"), which asks where things stand in substance.
     */
    Optional<Turn> firstAsk() {
        return turns().stream().filter(this::isAsk).findFirst();
    }

    /**
     * A DTR ask: the {@code dtr_ask} move; permission to say no with a question; or a question on a topic the
     * scenario's {@code timing.asks} names as this deal's ask.
     */
    boolean isAsk(Turn t) {
        return t.hasMove(MoveLabel.DTR_ASK.id())
                || (t.hasMove(MoveLabel.PERMISSION_NO.id()) && !line(t).questions().isEmpty())
                || topicAsk(t).isPresent();
    }

    /** The {@code timing.asks} topic this turn asks about as a question (an open or closed question move), if any. */
    Optional<String> topicAsk(Turn t) {
        if (!t.hasMove(MoveLabel.OPEN_QUESTION.id()) && !t.hasMove(MoveLabel.CLOSED_QUESTION.id())) {
            return Optional.empty();
        }
        List<String> asks = scenario().timing().asks();
        return t.intents().stream().map(MatchedIntent::id).filter(asks::contains)
                .findFirst();
    }

    /** The number of the first turn with a coercive move; past the end when there is none. */
    int firstPressureTurn() {
        return turns().stream().filter(Turn::hasPressure).mapToInt(Turn::number).findFirst()
                .orElse(Integer.MAX_VALUE);
    }

    Asked asked(Turn t) {
        return line(t).asked();
    }

    Line line(Turn t) {
        return lines.get(index.get(t));
    }

    /** The facts known before this turn (revealed on earlier turns). */
    List<String> revealedBefore(Turn t) {
        return revealedBefore.get(index.get(t));
    }

    /** Whether the scenario's {@code timing.ready_when} held just before this turn. */
    boolean readyBefore(Turn t) {
        return engine.ready(t.stateBefore(), t.number(), revealedBefore(t), t.nodeBefore());
    }

    /** The content words of everything the prospect said before this turn: the opening and earlier replies. */
    Set<String> prospectContentBefore(Turn t) {
        Set<String> out = new HashSet<>(Words.content(transcript.opening()));
        int i = index.get(t);
        for (int j = 0; j < i; j++) {
            out.addAll(lines.get(j).prospectContent());
        }
        return out;
    }

    int repWords() {
        return lines.stream().mapToInt(Line::repWords).sum();
    }

    int prospectWords() {
        return Words.count(transcript.opening()) + lines.stream().mapToInt(Line::prospectWords).sum();
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
        List<String> names = readinessVars.isEmpty() ? List.of("comfort", "defensiveness") : readinessVars;
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            if (state.containsKey(name)) {
                parts.add(name + " " + state.get(name));
            }
        }
        return String.join(", ", parts);
    }
}
