package io.dtrcoach.server.authoring;

import io.dtrcoach.core.conversation.MatchedIntent;
import io.dtrcoach.core.conversation.Turn;
import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.scenario.Match;
import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.Script;
import io.dtrcoach.core.scenario.Trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where reps' conversations in one scenario go, from their stored sessions: how they end, which of the script's
 * nodes they reach (and which none does), and which of the moves and topic intents the script listens for they
 * miss most (the share of sessions in which no turn carried it).
 */
public final class ScenarioFunnel {
    /** Not ended yet (still open, or left and not yet expired). */
    public static final String NOT_FINISHED = "not finished";
    /** Ended without one of the scenario's endings: the rep ended the call, the turns ran out, or it expired. */
    public static final String NO_ENDING = "no ending";

    /** One stored session: whether it ended, its ending, its turns in order. */
    public record Session(boolean ended, Optional<String> ending, List<Turn> turns) {
    }

    public record Count(String name, int sessions, int percent) {
    }

    /** A move or intent the script listens for, and in how many sessions no turn carried it. */
    public record Missed(String kind, String name, int missedIn, int percent) {
    }

    public record Result(int sessions, List<Count> endings, List<Count> nodes, List<String> nodesNeverReached,
                         List<Missed> missed) {
    }

    private ScenarioFunnel() {
    }

    public static Result of(Scenario scenario, List<Session> sessions) {
        int total = sessions.size();
        Map<String, Integer> endings = new LinkedHashMap<>();
        Map<String, Integer> reached = new LinkedHashMap<>();
        Script script = scenario.script();
        script.nodes().keySet().forEach(n -> reached.put(n, 0));
        Set<Match> listened = new LinkedHashSet<>();
        script.global().forEach(t -> listened.addAll(t.match()));
        script.nodes().values().forEach(n -> n.on().stream().map(Trigger::match).forEach(listened::addAll));
        Map<Match, Integer> carried = new LinkedHashMap<>();
        listened.forEach(m -> carried.put(m, 0));

        for (Session s : sessions) {
            String end = !s.ended() ? NOT_FINISHED : s.ending().orElse(NO_ENDING);
            endings.merge(end, 1, Integer::sum);
            Set<String> nodes = new HashSet<>();
            nodes.add(script.start());
            Set<String> moves = new HashSet<>();
            Set<String> intents = new HashSet<>();
            for (Turn t : s.turns()) {
                nodes.add(t.nodeBefore());
                nodes.add(t.nodeAfter());
                t.moves().stream().map(Move::label).forEach(moves::add);
                t.intents().stream().map(MatchedIntent::id).forEach(intents::add);
            }
            nodes.forEach(n -> reached.computeIfPresent(n, (k, v) -> v + 1));
            for (Match m : listened) {
                boolean did = m.kind() == Match.Kind.INTENT ? intents.contains(m.name())
                        // a family ("pressure") is carried by any of its moves ("pressure.guilt")
                        : moves.stream().anyMatch(l -> l.equals(m.name()) || l.startsWith(m.name() + "."));
                if (did) {
                    carried.merge(m, 1, Integer::sum);
                }
            }
        }

        List<Count> endingCounts = endings.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue(), percent(e.getValue(), total)))
                .sorted(Comparator.comparingInt(Count::sessions).reversed()).toList();
        List<Count> nodeCounts = reached.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue(), percent(e.getValue(), total))).toList();
        List<String> never = reached.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        List<Missed> missed = new ArrayList<>();
        carried.forEach((m, n) -> missed.add(new Missed(m.kind() == Match.Kind.MOVE ? "move" : "intent", m.name(),
                total - n, percent(total - n, total))));
        missed.sort(Comparator.comparingInt(Missed::missedIn).reversed().thenComparing(Missed::name));
        return new Result(total, endingCounts, nodeCounts, total == 0 ? List.of() : never, missed);
    }

    private static int percent(int part, int total) {
        return total == 0 ? 0 : Math.round(100f * part / total);
    }
}
