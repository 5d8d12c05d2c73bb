package io.dtrcoach.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The Vert.x instance of a node: plain on a single node, clustered through Hazelcast when members are listed.
 * Nothing of a conversation lives in the cluster (every session, token and turn is in the shared database); the
 * cluster only carries the event bus, so the live channel reaches a page connected to another node.
 */
public final class ClusterNode implements Membership {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final Vertx vertx;
    private final HazelcastClusterManager manager;

    private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
        this.vertx = vertx;
        this.manager = manager;
    }

    /**
     * A single node, or one that has joined the cluster (the future fails if joining fails); its Vert.x reports to
     * {@code metrics}.
     */
    public static Future<ClusterNode> start(ClusterConfig config, Metrics metrics) {
        VertxOptions options = new VertxOptions();
        if (!config.enabled()) {
            return Future.succeededFuture(new ClusterNode(metrics.instrument(Vertx.builder(), options).build(), null));
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(config));
        config.host().ifPresent(h -> options.getEventBusOptions().setHost(h));
        options.getEventBusOptions().setPort(config.eventBusPort());
        return metrics.instrument(Vertx.builder(), options).withClusterManager(manager).buildClustered().map(vertx -> {
            ClusterNode node = new ClusterNode(vertx, manager);
            LOG.info("Joined the cluster as node {}; {} node(s) present now (configured members: {})",
                    node.nodeId(), node.nodes().size(), config.members());
            return node;
        });
    }

    /** Vert.x's own map settings (event bus subscriptions) with an explicit TCP/IP join. */
    static Config hazelcast(ClusterConfig cluster) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName("dtr-coach");
        // Vert.x leaves the cluster in its own close(); Hazelcast's hook would race it on shutdown.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // A node that dies without a word (kill -9, power loss) is dropped after 15 s rather than the default 60.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
        // Nodes started together may each form a cluster of one before they find each other; merge within
        // seconds, not the default five minutes. Nothing is lost in a merge: the cluster holds no conversation state.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        cluster.host().ifPresent(h -> {
            network.setPublicAddress(h + ":" + cluster.port());
            network.getInterfaces().setEnabled(true).setInterfaces(List.of(h));
            config.setProperty("hazelcast.socket.bind.any", "false");
        });
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true)
                .setMembers(cluster.members().stream().map(ClusterConfig.Member::toString).toList());
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public boolean clustered() {
        return manager != null;
    }

    @Override
    public String nodeId() {
        return manager == null ? "single" : manager.getNodeId();
    }

    @Override
    public List<String> nodes() {
        if (manager == null) {
            return List.of(nodeId());
        }
        return manager.isActive() ? manager.getNodes() : List.of(nodeId());
    }

    /** Leaves the cluster and stops Vert.x. */
    public Future<Void> close() {
        return vertx.close();
    }
}
