package io.dtrcoach.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.dtrcoach.server.config.ClusterConfig;
import io.dtrcoach.server.config.ConfigInvalid;
import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigTest {

    private static ServerConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.empty(), Map.of());
    }

    @Test
    void should_be_a_single_node_when_no_members_are_listed() {
        ServerConfig config = load(Map.of());
        assertThat(config.cluster().enabled()).isFalse();
        assertThat(config.cluster().port()).isEqualTo(5701);
    }

    @Test
    void should_read_members_port_and_host_from_the_environment() {
        ServerConfig config = load(Map.of("DTR_DB_URL", "jdbc:postgresql://db:5432/dtr",
                "DTR_CLUSTER_MEMBERS", " 10.0.0.11:5701, 10.0.0.12:5801 ,node-c.internal:5701",
                "DTR_CLUSTER_PORT", "5801", "DTR_CLUSTER_HOST", "10.0.0.12"));
        assertThat(config.cluster().members()).containsExactly(new ClusterConfig.Member("10.0.0.11", 5701),
                new ClusterConfig.Member("10.0.0.12", 5801), new ClusterConfig.Member("node-c.internal", 5701));
        assertThat(config.cluster().port()).isEqualTo(5801);
        assertThat(config.cluster().host()).contains("10.0.0.12");
    }

    @Test
    void should_refuse_clustered_mode_on_the_embedded_h2_database() {
        assertThatThrownBy(() -> load(Map.of("DTR_CLUSTER_MEMBERS", "127.0.0.1:5701")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("needs one PostgreSQL database");
        assertThatThrownBy(() -> load(Map.of("DTR_CLUSTER_MEMBERS", "127.0.0.1:5701",
                "DTR_DB_URL", "jdbc:h2:file:/tmp/x"))).isInstanceOf(ConfigInvalid.class);
    }

    @Test
    void should_refuse_members_without_a_single_port() {
        for (String bad : List.of("10.0.0.1", "10.0.0.1:", "10.0.0.1:5701-5703", "10.0.0.1:99999", ":5701",
                "10.0.0.1-9:5701")) {
            assertThatThrownBy(() -> ClusterConfig.parseMembers(bad)).as(bad).isInstanceOf(ConfigInvalid.class)
                    .hasMessageContaining("cluster.members");
        }
    }

    @Test
    void should_join_only_the_listed_members_over_tcp_on_the_fixed_port() {
        ClusterConfig cluster = new ClusterConfig(ClusterConfig.parseMembers("127.0.0.1:15701,127.0.0.1:15702"),
                15702, Optional.of("127.0.0.1"), 0);
        Config config = ClusterNode.hazelcast(cluster);
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:15701", "127.0.0.1:15702");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(15702);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        // Vert.x's own settings for its subscription map survive
        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    }
}
