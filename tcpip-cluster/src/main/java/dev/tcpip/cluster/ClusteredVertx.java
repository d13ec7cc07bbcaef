package dev.tcpip.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A clustered Vert.x on Hazelcast, from {@link ClusterOptions}, with defaults that keep a node where it is
 * put: Hazelcast binds only the options' host ({@code hazelcast.socket.bind.any=false}), finds members only
 * through the options' list (TCP-IP join; multicast and auto-detection off), never phones home, logs through
 * SLF4J, and notices a member that vanished within about 10 s (heartbeat every second).
 *
 * <pre>{@code
 * ClusteredVertx.start(new ClusterOptions().setClusterName("dome").setPort(5701)
 *         .setMembers(List.of("127.0.0.1:5701", "127.0.0.1:5702")))
 *     .onSuccess(node -> node.vertx().eventBus().consumer("telemetry", m -> ...));
 * }</pre>
 *
 * <p>Vert.x turns Hazelcast's own shutdown hook off: a program must close Vert.x itself when it is stopped,
 * so that the node leaves the cluster at once instead of being suspected dead by the others
 * ({@link ClusterNode#closeOnShutdown}). The event bus delivers at most once: a message in flight to a node
 * that goes away is lost.
 */
public final class ClusteredVertx {
    /** Hazelcast's properties that these defaults set, by name. */
    public static final Map<String, String> PROPERTIES = properties();

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredVertx.class);

    private ClusteredVertx() {
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hazelcast.phone.home.enabled", "false");
        p.put("hazelcast.socket.bind.any", "false");
        p.put("hazelcast.logging.type", "slf4j");
        p.put("hazelcast.heartbeat.interval.seconds", "1");
        p.put("hazelcast.max.no.heartbeat.seconds", "10");
        p.put("hazelcast.wait.seconds.before.join", "1");
        return Map.copyOf(p);
    }

    /**
     * Starts a clustered Vert.x that has joined the cluster.
     *
     * @param options where this node is and whom it joins
     * @return the node, once joined; failed when the node cannot start (its port taken, a bad configuration
     *     file...), with Hazelcast's reason
     */
    public static Future<ClusterNode> start(ClusterOptions options) {
        return start(options, new VertxOptions());
    }

    /**
     * Starts a clustered Vert.x with Vert.x options of the caller's (event-loop size and the like); their
     * event-bus host and port are replaced by the cluster options'.
     *
     * @param options      where this node is and whom it joins
     * @param vertxOptions the other Vert.x options (copied)
     * @return the node, once joined; failed when the node cannot start
     */
    public static Future<ClusterNode> start(ClusterOptions options, VertxOptions vertxOptions) {
        Objects.requireNonNull(options, "options");
        Config config;
        try {
            config = hazelcastConfig(options);
        } catch (RuntimeException | FileNotFoundException e) {
            return Future.failedFuture(new IllegalArgumentException("cannot read the Hazelcast configuration "
                + options.getConfigFile() + ": " + e.getMessage(), e));
        }
        VertxOptions vo = new VertxOptions(vertxOptions).setEventBusOptions(
            new EventBusOptions(vertxOptions.getEventBusOptions()).setHost(options.getHost()).setPort(options.getEventBusPort()));
        LOG.info("joining cluster '{}' as {}:{} through {}", config.getClusterName(), options.getHost(),
            config.getNetworkConfig().getPort(), options.getMembers());
        HazelcastClusterManager manager = new HazelcastClusterManager(config);
        return Vertx.builder().with(vo).withClusterManager(manager).buildClustered().map(vertx -> {
            ClusterNode node = new ClusterNode(vertx, manager, config.getClusterName());
            LOG.info("joined cluster '{}' as node {} ({} members)", node.clusterName(), node.nodeId(), node.members().size());
            return node;
        });
    }

    /**
     * The Hazelcast configuration of a node: the options' {@link ClusterOptions#getConfigFile() file} when
     * one is set, else the one these defaults make (the maps Vert.x keeps its subscriptions in, the network
     * and join settings, and {@link #PROPERTIES}).
     *
     * @param options the cluster options
     * @return a new configuration
     * @throws FileNotFoundException if the configuration file does not exist
     */
    public static Config hazelcastConfig(ClusterOptions options) throws FileNotFoundException {
        if (options.getConfigFile() != null) {
            return Config.loadFromFile(options.getConfigFile().toFile());
        }
        Config config = new Config().setClusterName(options.getClusterName());
        PROPERTIES.forEach(config::setProperty);
        // What Vert.x's own default-cluster.xml declares: where it keeps subscriptions and node information.
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.getPort()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(options.getHost());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // A member of the list that is not up yet costs this long per try while joining (Hazelcast's default: 5 s).
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(options.getMembers());
        return config;
    }

    /**
     * The configuration {@link #hazelcastConfig} makes, as a Hazelcast XML file: a starting point for a
     * {@code cluster.xml} of one's own ({@link ClusterOptions#setConfigFile}).
     *
     * @param options the cluster options (without a configuration file)
     * @return the XML
     */
    public static String hazelcastXml(ClusterOptions options) {
        StringBuilder members = new StringBuilder();
        for (String m : options.getMembers()) {
            members.append("        <member>").append(escape(m)).append("</member>\n");
        }
        StringBuilder props = new StringBuilder();
        PROPERTIES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
            props.append("    <property name=\"").append(e.getKey()).append("\">").append(e.getValue()).append("</property>\n"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\"\n"
            + "           xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "           xsi:schemaLocation=\"http://www.hazelcast.com/schema/config\n"
            + "           https://www.hazelcast.com/schema/config/hazelcast-config-5.6.xsd\">\n"
            + "  <cluster-name>" + escape(options.getClusterName()) + "</cluster-name>\n"
            + "  <properties>\n" + props + "  </properties>\n"
            + "  <network>\n"
            + "    <port auto-increment=\"false\">" + options.getPort() + "</port>\n"
            + "    <interfaces enabled=\"true\">\n"
            + "      <interface>" + escape(options.getHost()) + "</interface>\n"
            + "    </interfaces>\n"
            + "    <join>\n"
            + "      <multicast enabled=\"false\"/>\n"
            + "      <auto-detection enabled=\"false\"/>\n"
            + "      <tcp-ip enabled=\"true\" connection-timeout-seconds=\"2\">\n" + members + "      </tcp-ip>\n"
            + "    </join>\n"
            + "  </network>\n"
            + "  <multimap name=\"__vertx.subs\">\n"
            + "    <backup-count>1</backup-count>\n"
            + "    <value-collection-type>SET</value-collection-type>\n"
            + "  </multimap>\n"
            + "  <map name=\"__vertx.haInfo\">\n"
            + "    <backup-count>1</backup-count>\n"
            + "  </map>\n"
            + "  <map name=\"__vertx.nodeInfo\">\n"
            + "    <backup-count>1</backup-count>\n"
            + "  </map>\n"
            + "</hazelcast>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
