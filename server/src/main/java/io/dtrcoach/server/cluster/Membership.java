package io.dtrcoach.server.cluster;

import java.util.List;
import java.util.Map;

/** What {@code /health} says about the cluster: this node and the nodes it currently sees. */
public interface Membership {
    boolean clustered();

    /** This node's id in the cluster ({@code "single"} on a single node). */
    String nodeId();

    /** The ids of the nodes in the cluster, this one included. */
    List<String> nodes();

    static Membership single() {
        return new Membership() {
            @Override
            public boolean clustered() {
                return false;
            }

            @Override
            public String nodeId() {
                return "single";
            }

            @Override
            public List<String> nodes() {
                return List.of("single");
            }
        };
    }

    default Map<String, Object> describe() {
        return Map.of("mode", clustered() ? "clustered" : "single", "node", nodeId(), "members", nodes().size());
    }
}
