package io.dtrcoach.core.conversation;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.classify.MoveLabel;
import io.dtrcoach.core.classify.MoveClassifier;
import io.dtrcoach.core.scenario.Condition;
import io.dtrcoach.core.scenario.Effect;
import io.dtrcoach.core.scenario.Ending;
import io.dtrcoach.core.scenario.ExpressionFailed;
import io.dtrcoach.core.scenario.Fact;
import io.dtrcoach.core.scenario.Match;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Script;
import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.core.scenario.Trigger;
import io.dtrcoach.core.state.ProspectState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The prospect engine: applies a scenario's rules to one rep line at a time. Pure and deterministic: the
 * same state and line always give the same turn, so a conversation can be stored as its states and go on
 * anywhere. Both persona kinds use it; an LLM persona only rewrites the words of {@link Turn#prospect()}.
 *
 * <p>An expression that compiled but fails on some state (a division by a variable that is now 0) does not stop
 * the conversation: the rule it belongs to is skipped for that turn, as if its condition were false, and the
 * failure is logged with the scenario file, line and column, once per place (then at debug level).
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final String REP_ENDED = "rep_ended";
    /** The ending of a session left unfinished past the server's expiry period. */
    public static final String EXPIRED = "expired";
    public static final String TURN_LIMIT = "turn_limit";
    /** What {@link Turn#answered()} says when no rule and no reaction answered the line. */
    public static final String NO_MATCH = io.dtrcoach.core.scenario.ScenarioTest.NO_MATCH;
    /** What {@link Turn#answered()} says when a trigger without {@code match} (a state rule) answered. */
    public static final String STATE_RULE = "state_rule";

    private final Scenario scenario;
    private final IntentMatcher matcher;
    private final MoveClassifier classifier;
    /** Global triggers then each node's, with their stable keys. */
    private final List<Keyed> global;
    private final Map<String, List<Keyed>> byNode;
    /** The persona's default reactions per move name. */
    private final Map<String, List<Keyed>> reactions;
    /** Places whose failure was already logged at warning level. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public Engine(Scenario scenario, IntentMatcher matcher, MoveClassifier classifier) {
        this.scenario = scenario;
        this.matcher = matcher;
        this.classifier = classifier;
        this.global = keyed("global", scenario.script().global());
        this.byNode = new LinkedHashMap<>();
        scenario.script().nodes().forEach((id, node) -> byNode.put(id, keyed(id, node.on())));
        this.reactions = new LinkedHashMap<>();
        scenario.reactions().forEach((move, variants) -> reactions.put(move, keyed("reaction:" + move, variants)));
    }

    private static List<Keyed> keyed(String prefix, List<Trigger> triggers) {
        List<Keyed> out = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            out.add(new Keyed(prefix + "#" + i, triggers.get(i)));
        }
        return List.copyOf(out);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The state before the first rep line. */
    public ProspectState start(long seed) {
        Map<String, Integer> vars = new LinkedHashMap<>();
        scenario.state().forEach((name, v) -> vars.put(name, v.clamp(v.start())));
        return new ProspectState(0, vars, scenario.script().start(), List.of(), Map.of(), 0, Optional.empty(), seed);
    }

    /** The prospect's first line for this session. */
    public String opening(ProspectState state) {
        List<String> openers = scenario.persona().openers();
        return openers.get((int) Math.floorMod(state.seed(), (long) openers.size()));
    }

    /** Starts mid-scenario (a test's {@code given}): another node, some values, some facts already known. */
    public ProspectState given(ProspectState state, Optional<String> node, Map<String, Integer> values,
                               List<String> revealed) {
        Map<String, Integer> vars = new LinkedHashMap<>(state.vars());
        values.forEach((name, value) -> vars.put(name, scenario.state().get(name).clamp(value)));
        List<String> facts = new ArrayList<>(state.revealed());
        revealed.stream().filter(f -> !facts.contains(f)).forEach(facts::add);
        return new ProspectState(state.turn(), vars, node.orElse(state.node()), facts, state.fires(),
                state.missStreak(), state.ending(), state.seed());
    }

    public Step step(ProspectState before, String repText) {
        if (before.ended()) {
            throw new ConversationEnded(before.ending().orElseThrow());
        }
        int number = before.turn() + 1;
        List<MatchedIntent> intents = matcher.match(scenario, repText);
        List<Move> moves = classifier.classify(repText);
        Set<String> matchedIds = intents.stream().map(MatchedIntent::id).collect(Collectors.toSet());
        Set<String> moveLabels = moves.stream().map(Move::label).collect(Collectors.toSet());
        Context beforeCtx = new Context(before.vars(), number, matchedIds, before.revealed(), moveLabels,
                before.node());

        Map<String, Integer> fires = new LinkedHashMap<>(before.fires());
        Map<String, Integer> vars = before.vars();
        List<String> revealedNow = List.of();
        String node = before.node();
        int missStreak;
        String reply;
        Optional<String> firedKey = Optional.empty();
        String answered = NO_MATCH;

        List<Act> acts = acts(moves, intents);
        Optional<Fired> fired = choose(before, beforeCtx, acts);
        if (fired.isPresent()) {
            Fired f = fired.get();
            int timesBefore = fires.getOrDefault(f.key, 0);
            fires.put(f.key, timesBefore + 1);
            vars = pressureAlso(f, acts, beforeCtx);
            revealedNow = f.revealedNow;
            node = f.trigger.gotoNode().orElse(node);
            missStreak = 0;
            List<String> say = f.trigger.say();
            reply = say.get(timesBefore % say.size());
            firedKey = Optional.of(f.key);
            answered = f.answered;
        } else {
            List<String> noMatch = scenario.script().nodes().get(node).noMatch();
            reply = noMatch.get(Math.min(before.missStreak(), noMatch.size() - 1));
            missStreak = before.missStreak() + 1;
        }

        List<String> revealed = new ArrayList<>(before.revealed());
        revealed.addAll(revealedNow);
        Context afterCtx = new Context(vars, number, matchedIds, revealed, moveLabels, node);
        Optional<String> ending = Optional.empty();
        for (Ending e : scenario.endings().values()) {
            if (holds(e.when(), afterCtx, "ending '" + e.id() + "'")) {
                ending = Optional.of(e.id());
                if (e.say().isPresent()) {
                    reply = reply + " " + e.say().get();
                }
                break;
            }
        }
        if (ending.isEmpty() && number >= scenario.brief().maxTurns()) {
            ending = Optional.of(TURN_LIMIT);
        }
        ProspectState after = new ProspectState(number, vars, node, revealed, fires, missStreak, ending,
                before.seed());
        Turn turn = new Turn(number, repText, reply, intents, moves, before.vars(), vars, revealedNow,
                before.node(), node, firedKey, ending, answered);
        return new Step(turn, after);
    }

    /** The rep ends the call. Ending an ended call changes nothing. */
    public ProspectState endByRep(ProspectState state) {
        return endAs(state, REP_ENDED);
    }

    /** Ends a conversation nobody finished: no turn for longer than the server's expiry period. */
    public ProspectState endExpired(ProspectState state) {
        return endAs(state, EXPIRED);
    }

    private static ProspectState endAs(ProspectState state, String ending) {
        if (state.ended()) {
            return state;
        }
        return new ProspectState(state.turn(), state.vars(), state.node(), state.revealed(), state.fires(),
                state.missStreak(), Optional.of(ending), state.seed());
    }

    public Ending.Outcome outcomeOf(String endingId) {
        Ending e = scenario.endings().get(endingId);
        return e == null ? Ending.Outcome.no_decision : e.outcome();
    }

    /** Whether the scenario's {@code timing.ready_when} holds for a state (used by scoring). */
    public boolean ready(Map<String, Integer> vars, int turn, List<String> revealed, String node) {
        return holds(scenario.timing().readyWhen(), new Context(vars, turn, Set.of(), revealed, Set.of(), node),
                "timing.ready_when");
    }

    /**
     * The acts of a line in the order the persona answers them: sure before unsure, then by
     * {@link MoveLabel#answerRank()} (topic intents at {@link MoveLabel#TOPIC_RANK}), then as judged.
     */
    static List<Act> acts(List<Move> moves, List<MatchedIntent> intents) {
        List<Act> out = new ArrayList<>();
        for (Move m : moves) {
            int rank = MoveLabel.fromId(m.label()).map(MoveLabel::answerRank).orElse(MoveLabel.OTHER.answerRank());
            out.add(new Act(m.label(), true, m.unsure(), rank));
        }
        for (MatchedIntent i : intents) {
            out.add(new Act(i.id(), false, false, MoveLabel.TOPIC_RANK));
        }
        out.sort(Comparator.comparing(Act::unsure).thenComparingInt(Act::rank));
        return List.copyOf(out);
    }

    /**
     * The rule that answers the line. A trigger without {@code match} is a state rule (a hard stop, a turn limit)
     * and is tried first, in file order. Then each act in answering order (sure acts before unsure ones): the first
     * trigger (global, then the node's, in file order) that matches it and can fire, else the persona's reaction to
     * that act; only then the next act. So the act that matters most is answered, by a rule or by a reaction.
     */
    private Optional<Fired> choose(ProspectState before, Context beforeCtx, List<Act> acts) {
        List<Keyed> candidates = new ArrayList<>(global);
        candidates.addAll(byNode.getOrDefault(before.node(), List.of()));
        for (Keyed k : candidates) {
            if (k.trigger.match().isEmpty()) {
                Optional<Fired> f = tryFire(k, before, beforeCtx, STATE_RULE);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        for (Act act : acts) {
            for (Keyed k : candidates) {
                if (k.trigger.match().stream().anyMatch(act::matchedBy)) {
                    Optional<Fired> f = tryFire(k, before, beforeCtx, act.name);
                    if (f.isPresent()) {
                        return f;
                    }
                }
            }
            for (Keyed k : reactionsFor(act)) {
                Optional<Fired> f = tryFire(k, before, beforeCtx, act.name);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** The reactions filed under the act's own label, then under its family ({@code pressure}). */
    private List<Keyed> reactionsFor(Act act) {
        if (!act.move) {
            return List.of();
        }
        List<Keyed> out = new ArrayList<>(reactions.getOrDefault(act.name, List.of()));
        if (MoveLabel.isPressure(act.name)) {
            out.addAll(reactions.getOrDefault(MoveLabel.PRESSURE, List.of()));
        }
        return out;
    }

    private Optional<Fired> tryFire(Keyed k, ProspectState before, Context beforeCtx, String answered) {
        Trigger t = k.trigger;
        if (t.once() && before.fires().getOrDefault(k.key, 0) > 0) {
            return Optional.empty();
        }
        String rule = "trigger " + k.key;
        if (t.when().isPresent() && !holds(t.when().get(), beforeCtx, rule)) {
            return Optional.empty();
        }
        Map<String, Integer> vars;
        try {
            vars = apply(t.effects(), before.vars(), beforeCtx);
        } catch (ExpressionFailed e) {
            skipped(rule + " (its effects)", e);
            return Optional.empty();
        }
        List<String> newFacts = t.reveal().stream().filter(f -> !before.revealed().contains(f)).toList();
        Context afterEffects = beforeCtx.withVars(vars);
        boolean allowed = newFacts.stream()
                .allMatch(id -> holds(scenario.fact(id).map(Fact::revealWhen).orElseThrow(), afterEffects,
                        "fact '" + id + "' reveal_when"));
        if (!allowed) {
            return Optional.empty();
        }
        return Optional.of(new Fired(k.key, t, vars, newFacts, answered));
    }

    /**
     * Pressure always costs: when a line carries sure pressure but the rule that answered it is not about pressure
     * (a state rule, say), the persona's pressure reaction still changes the state (its words are not used).
     */
    private Map<String, Integer> pressureAlso(Fired f, List<Act> acts, Context beforeCtx) {
        boolean answeredPressure = f.trigger.match().stream().anyMatch(m -> m.isMove()
                && (m.name().equals(MoveLabel.PRESSURE) || MoveLabel.isPressure(m.name())));
        Optional<Act> pressure = acts.stream().filter(a -> a.move && !a.unsure && MoveLabel.isPressure(a.name))
                .findFirst();
        if (answeredPressure || pressure.isEmpty()) {
            return f.vars;
        }
        for (Keyed k : reactionsFor(pressure.get())) {
            Trigger t = k.trigger;
            if (t.when().isEmpty() || holds(t.when().get(), beforeCtx, "trigger " + k.key)) {
                try {
                    return apply(t.effects(), f.vars, beforeCtx.withVars(f.vars));
                } catch (ExpressionFailed e) {
                    skipped("trigger " + k.key + " (its effects)", e);
                    return f.vars;
                }
            }
        }
        return f.vars;
    }

    /** The condition's value, or false when it cannot be evaluated on this state (logged). */
    private boolean holds(Condition condition, Context ctx, String rule) {
        try {
            return condition.test(ctx);
        } catch (ExpressionFailed e) {
            skipped(rule, e);
            return false;
        }
    }

    private void skipped(String rule, ExpressionFailed e) {
        String place = String.valueOf(e.location());
        if (reported.add(place)) {
            LOG.warn("Scenario '{}': {} skipped on this turn because its expression failed: {}", scenario.id(), rule,
                    e.getMessage());
        } else {
            LOG.debug("Scenario '{}': {} skipped again: {}", scenario.id(), rule, e.getMessage());
        }
    }

    private Map<String, Integer> apply(Map<String, Effect> effects, Map<String, Integer> vars, Context ctx) {
        if (effects.isEmpty()) {
            return vars;
        }
        Map<String, Integer> out = new LinkedHashMap<>(vars);
        effects.forEach((name, effect) -> {
            StateVar v = scenario.state().get(name);
            int value = effect instanceof Effect.Delta d
                    ? vars.get(name) + d.delta()
                    : ((Effect.Assign) effect).expression().evaluateInt(ctx);
            out.put(name, v.clamp(value));
        });
        return out;
    }

    private record Keyed(String key, Trigger trigger) {
    }

    private record Fired(String key, Trigger trigger, Map<String, Integer> vars, List<String> revealedNow,
                         String answered) {
    }

    /** One act of a line: a move label or a topic intent id, with its answering rank. */
    record Act(String name, boolean move, boolean unsure, int rank) {
        boolean matchedBy(Match m) {
            return move ? m.coversMove(name) : !m.isMove() && m.name().equals(name);
        }
    }

    /** The expression context of one moment in a turn. */
    private final class Context implements io.dtrcoach.core.scenario.ExpressionContext {
        private final Map<String, Integer> vars;
        private final int turn;
        private final Set<String> matched;
        private final List<String> revealed;
        private final Set<String> moves;
        private final String node;

        Context(Map<String, Integer> vars, int turn, Set<String> matched, List<String> revealed, Set<String> moves,
                String node) {
            this.vars = vars;
            this.turn = turn;
            this.matched = matched;
            this.revealed = revealed;
            this.moves = moves;
            this.node = node;
        }

        Context withVars(Map<String, Integer> newVars) {
            return new Context(newVars, turn, matched, revealed, moves, node);
        }

        @Override
        public int variable(String name) {
            if ("turn".equals(name)) {
                return turn;
            }
            Integer v = vars.get(name);
            if (v == null) {
                throw new IllegalArgumentException("undeclared variable " + name);
            }
            return v;
        }

        @Override
        public boolean isBool(String name) {
            StateVar v = scenario.state().get(name);
            return v != null && v.type() == StateVar.Type.BOOL;
        }

        @Override
        public boolean matched(String intentId) {
            return matched.contains(intentId);
        }

        @Override
        public boolean revealed(String factId) {
            return revealed.contains(factId);
        }

        @Override
        public boolean move(String label) {
            return moves.stream().anyMatch(m -> MoveLabel.covers(label, m));
        }

        @Override
        public boolean at(String nodeId) {
            return node.equals(nodeId);
        }
    }
}
