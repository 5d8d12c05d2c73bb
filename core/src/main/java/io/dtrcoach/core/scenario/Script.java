package io.dtrcoach.core.scenario;

import java.util.List;
import java.util.Map;

/** The scripted persona: a start node, global triggers (tried first, every turn) and nodes. */
public record Script(String start, List<Trigger> global, Map<String, Node> nodes) {
    public Script {
        global = List.copyOf(global);
        nodes = Collections2.orderedCopy(nodes);
    }

    /**
     * @param noMatch escalating lines: the n-th consecutive turn with no trigger in this node says
     *                {@code noMatch[min(n, size) - 1]}
     */
    public record Node(String id, List<Trigger> on, List<String> noMatch, Location location) {
        public Node {
            on = List.copyOf(on);
            noMatch = List.copyOf(noMatch);
        }
    }
}
