package dev.tcpip.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clustered nodes on loopback, in this JVM: the defaults, the XML form, joining, leaving. */
class ClusteredVertxTest {
    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() throws Exception {
        for (ClusterNode n : nodes) {
            await("closing a node", n.close());
        }
    }

    private ClusterNode start(ClusterOptions options) throws Exception {
        ClusterNode node = await("starting a node", ClusteredVertx.start(options));
        nodes.add(node);
        return node;
    }

    @Test
    void twoNodesJoinAndWhatOnePublishesTheOtherReceives() throws Exception {
        List<ClusterOptions> options = Nodes.cluster(2);
        ClusterNode a = start(options.get(0));
        ClusterNode b = start(options.get(1));
        assertEquals(2, a.members().size(), a.members().toString());
        assertTrue(a.members().contains(b.nodeId()));

        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        MessageConsumer<JsonObject> consumer = b.vertx().eventBus().consumer("telemetry", m -> received.add(m.body()));
        await("the consumer is registered in the cluster", consumer.completion());
        a.vertx().eventBus().publish("telemetry", new JsonObject().put("seq", 1));
        assertEquals(new JsonObject().put("seq", 1), awaitNext("the message on the other node", received));

        await("b leaves", b.close());
        nodes.remove(b);
        awaitCondition("a sees b leave", () -> a.members().size() == 1);
        assertEquals(List.of(), b.members());
    }

    @Test
    void hazelcastBindsOnlyTheHostFindsMembersOnlyThroughTheListAndNeverPhonesHome() throws Exception {
        ClusterOptions options = new ClusterOptions().setClusterName("dome").setPort(5801)
            .setMembers(List.of("127.0.0.1:5801", "127.0.0.1:5802"));
        Config config = ClusteredVertx.hazelcastConfig(options);
        assertEquals("dome", config.getClusterName());
        assertEquals(5801, config.getNetworkConfig().getPort());
        assertFalse(config.getNetworkConfig().isPortAutoIncrement());
        assertEquals(List.of("127.0.0.1"), new ArrayList<>(config.getNetworkConfig().getInterfaces().getInterfaces()));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertEquals(List.of("127.0.0.1:5801", "127.0.0.1:5802"), join.getTcpIpConfig().getMembers());
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
        assertEquals("slf4j", config.getProperty("hazelcast.logging.type"));
    }

    @Test
    void theXmlFormLoadsToTheSameSettings() throws Exception {
        ClusterOptions options = new ClusterOptions().setClusterName("dome").setPort(5801)
            .setMembers(List.of("127.0.0.1:5801", "127.0.0.1:5802"));
        Config code = ClusteredVertx.hazelcastConfig(options);
        Config xml = Config.loadFromString(ClusteredVertx.hazelcastXml(options));
        assertEquals(code.getClusterName(), xml.getClusterName());
        assertEquals(code.getProperties(), xml.getProperties());
        assertEquals(code.getNetworkConfig().getPort(), xml.getNetworkConfig().getPort());
        assertEquals(code.getNetworkConfig().isPortAutoIncrement(), xml.getNetworkConfig().isPortAutoIncrement());
        assertEquals(code.getNetworkConfig().getInterfaces(), xml.getNetworkConfig().getInterfaces());
        assertEquals(code.getNetworkConfig().getJoin(), xml.getNetworkConfig().getJoin());
        assertEquals(code.getMultiMapConfig("__vertx.subs"), xml.getMultiMapConfig("__vertx.subs"));
        assertEquals(code.getMapConfig("__vertx.nodeInfo"), xml.getMapConfig("__vertx.nodeInfo"));
    }

    @Test
    void aNodeWhosePortIsTakenDoesNotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterOptions options = new ClusterOptions().setClusterName(Nodes.uniqueClusterName())
                .setPort(taken.getLocalPort()).setMembers(List.of("127.0.0.1:" + taken.getLocalPort()));
            Throwable failure = awaitFailure("a start on a taken port", ClusteredVertx.start(options), Throwable.class);
            Throwable root = failure;
            while (root.getCause() != null && !(root instanceof BindException)) {
                root = root.getCause();
            }
            assertTrue(root instanceof BindException || String.valueOf(failure.getMessage()).contains(
                Integer.toString(taken.getLocalPort())), failure.toString());
        }
    }

    @Test
    void optionsHaveAJsonFormAndRefuseBadValues() {
        ClusterOptions o = new ClusterOptions().setClusterName("dome").setHost("10.0.0.5").setPort(5702)
            .setMembers(List.of("10.0.0.5:5701", "10.0.0.6:5701")).setEventBusPort(6000);
        assertEquals(o.toJson(), new ClusterOptions(o.toJson()).toJson());
        assertEquals(List.of("127.0.0.1:5701"), new ClusterOptions().getMembers());
        assertEquals("tcpip", new ClusterOptions().getClusterName());
        assertThrows(IllegalArgumentException.class, () -> new ClusterOptions().setMembers(List.of("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> new ClusterOptions().setMembers(List.of("h:70000")));
        assertThrows(IllegalArgumentException.class, () -> new ClusterOptions().setMembers(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ClusterOptions().setPort(0));
        assertThrows(IllegalArgumentException.class, () -> new ClusterOptions().setClusterName(" "));
    }
}
