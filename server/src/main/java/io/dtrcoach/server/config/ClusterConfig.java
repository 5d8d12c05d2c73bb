package io.dtrcoach.server.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How this node joins other nodes: a fixed member list (Hazelcast TCP/IP join; no multicast, no auto-detection).
 * No members means a single node.
 *
 * @param members     every node's {@code host:port} of its cluster port (listing this node too is fine)
 * @param port        the port this node's cluster manager listens on (no auto-increment: a taken port fails start)
 * @param host        the address to bind and announce to the others; empty lets Hazelcast pick one
 * @param eventBusPort the port of the event bus between nodes; 0 picks a free one
 */
public record ClusterConfig(List<Member> members, int port, Optional<String> host, int eventBusPort) {

    public record Member(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public ClusterConfig {
        members = List.copyOf(members);
        host = host.filter(h -> !h.isBlank()).map(String::strip);
        if (port < 1 || port > 65535) {
            throw new ConfigInvalid("cluster.port must be between 1 and 65535, not " + port);
        }
        if (eventBusPort < 0 || eventBusPort > 65535) {
            throw new ConfigInvalid("cluster.event-bus-port must be between 0 and 65535, not " + eventBusPort);
        }
    }

    public static ClusterConfig single() {
        return new ClusterConfig(List.of(), 5701, Optional.empty(), 0);
    }

    public boolean enabled() {
        return !members.isEmpty();
    }

    /** Parses {@code host:port,host:port}; Hazelcast's IP ranges ({@code 10.0.0.1-9}) are refused, not guessed at. */
    public static List<Member> parseMembers(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(ClusterConfig::member)
                .toList();
    }

    private static Member member(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new ConfigInvalid("cluster.members: '" + entry + "' must be host:port (the other node's cluster.port)");
        }
        String host = entry.substring(0, colon);
        String port = entry.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new ConfigInvalid("cluster.members: '" + entry + "' needs one port between 1 and 65535"
                    + " (port ranges are not supported; list each node)");
        }
        if (host.contains("-") && host.matches("[0-9.\\-]+")) {
            throw new ConfigInvalid("cluster.members: '" + entry + "' is an address range; list each node");
        }
        return new Member(host, Integer.parseInt(port));
    }
}
