package dev.tcpip.docs;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.cluster.ClusteredVertx;
import dev.tcpip.cluster.bridge.BridgeServer;
import dev.tcpip.cluster.bridge.BridgeServerOptions;
import dev.tcpip.cluster.demo.MockControllerCodec;
import dev.tcpip.cluster.relay.RelayOptions;
import dev.tcpip.cluster.relay.StructRelay;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.mock.MockController;
import dev.tcpip.mock.MockProtocol;
import dev.tcpip.services.EventBusSink;
import dev.tcpip.services.EventBusSource;
import dev.tcpip.services.Service;
import dev.tcpip.testsupport.FixedPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java 17 examples of docs/scaling-out.md, on two clustered nodes in this JVM (a cluster name of their own):
 * the relay of an in-JVM mock controller on one, a subscriber and a command on the other; the bridge; the XML.
 */
class ScalingOutTest {
    private static final Logger LOG = LoggerFactory.getLogger(ScalingOutTest.class);

    private final List<ClusterNode> nodes = new ArrayList<>();
    private final Vertx local = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        for (ClusterNode n : nodes) {
            await(n.close());
        }
        await(local.close());
    }

    @Test
    void aRelayOnOneNodeASubscriberAndACommandOnAnother() throws Exception {
        String clusterName = "docs-" + UUID.randomUUID();
        List<Integer> ports = FixedPorts.free(2);
        List<String> members = List.of("127.0.0.1:" + ports.get(0), "127.0.0.1:" + ports.get(1));
        MockController controller = new MockController(new ServerOptions().setPort(0), 100);
        await(local.deployVerticle(controller));
        int controllerPort = controller.port();

        // tag::cluster-node[]
        Future<ClusterNode> joined = ClusteredVertx.start(new ClusterOptions()
            .setClusterName(clusterName)                              // only nodes of this name join
            .setPort(ports.get(0))                                    // this node's Hazelcast port, on 127.0.0.1
            .setMembers(members));                                    // whom to join through: "host:port"
        // end::cluster-node[]
        ClusterNode relayNode = await(joined);
        nodes.add(relayNode);
        ClusterNode consumerNode = await(ClusteredVertx.start(new ClusterOptions().setClusterName(clusterName)
            .setPort(ports.get(1)).setMembers(members)));
        nodes.add(consumerNode);

        // tag::cluster-relay[]
        StructRelay<?> relay = StructRelay.create(relayNode.vertx(), new RelayOptions()
                .setControllerHost("127.0.0.1").setControllerPort(controllerPort)
                .setAddress("mount"),                                 // commands on "mount.commands"
            MockProtocol.PROTOCOL, new MockControllerCodec());
        Future<Void> relaying = relay.start();                        // reconnects whenever the controller goes
        // end::cluster-relay[]
        await(relaying);

        BlockingQueue<JsonObject> samples = new LinkedBlockingQueue<>();
        Vertx vertx = consumerNode.vertx();
        // tag::cluster-subscribe[]
        long[] last = {0};
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer("mount", message -> {
            long seq = message.body().getLong("seq");
            if (last[0] != 0 && seq != last[0] + 1) {
                LOG.warn("lost {} samples before seq {}", seq - last[0] - 1, seq);   // at most once: say so
            }
            last[0] = seq;
            JsonObject sample = message.body().getJsonObject("body");   // "azimuth", "elevation", ...
            samples.add(sample);
        });
        // end::cluster-subscribe[]
        await(consumer.completion());
        JsonObject first = awaitNext("a sample on the other node", samples);
        assertTrue(first.containsKey("azimuth") && first.containsKey("in_position"), first.encode());

        // tag::cluster-command[]
        Future<JsonObject> ack = vertx.eventBus().<JsonObject>request("mount.commands",
                new JsonObject().put("command", "move").put("azimuth", 120).put("elevation", 45))
            .map(reply -> reply.body());                              // {"command_id": 1, ..., "result": 0, "text": ...}
        // end::cluster-command[]
        assertEquals(MockProtocol.ACCEPTED, await(ack).getInteger("result"));

        // A pipeline across the nodes: the relay on one, a service on the other, its output back on the first.
        BlockingQueue<String> positions = new LinkedBlockingQueue<>();
        MessageConsumer<String> display = relayNode.vertx().eventBus().consumer("mount.position",
            m -> {
                positions.add(m.body());
                m.reply(null);                                        // an EventBusSink waits for this ack
            });
        await(display.completion());
        // tag::cluster-service[]
        EventBusSource<JsonObject> telemetry = new EventBusSource<>(vertx, "mount", 100);
        Service<JsonObject, String> position = Service.of("position", telemetry,
            new EventBusSink<String>(vertx, "mount.position"),                  // one taker: point to point
            m -> Future.succeededFuture(String.format("az %.3f el %.3f",
                m.getJsonObject("body").getDouble("azimuth"), m.getJsonObject("body").getDouble("elevation"))));
        Future<String> deployed = telemetry.registered().compose(v -> vertx.deployVerticle(position));
        // end::cluster-service[]
        await(deployed);
        assertTrue(awaitNext("a position from the service on the other node", positions).startsWith("az "));
    }

    @Test
    void theBridgeLetsOnlyTheRelaysAddressesThrough() throws Exception {
        Vertx vertx = local;
        // tag::cluster-bridge[]
        Future<BridgeServer> bridge = BridgeServer.start(vertx, new BridgeServerOptions()
            .setPort(0)                                               // 127.0.0.1 unless setHost says otherwise
            .setMaxFrameLength(64 * 1024)                             // a longer frame closes its connection
            .setOutbound(List.of("mount"))                            // what clients may register for
            .setInbound(List.of("mount.commands")));                  // where they may send
        // end::cluster-bridge[]
        assertTrue(await(bridge).port() > 0);
    }

    @Test
    void theHazelcastSettingsAsAFileOfOnesOwn(@TempDir Path dir) throws Exception {
        // tag::cluster-xml[]
        ClusterOptions options = new ClusterOptions().setClusterName("observatory").setHost("10.0.0.5")
            .setMembers(List.of("10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701"));
        Files.writeString(dir.resolve("cluster.xml"), ClusteredVertx.hazelcastXml(options));   // edit it, then:
        ClusterOptions mine = new ClusterOptions(options).setConfigFile(dir.resolve("cluster.xml"));
        // end::cluster-xml[]
        assertEquals("observatory", ClusteredVertx.hazelcastConfig(mine).getClusterName());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701"),
            ClusteredVertx.hazelcastConfig(mine).getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    }

    @Test
    void thePythonClientOnThePageIsTheOneTheClusterTestsRun() throws Exception {
        Path tested = DocsSnippetsTest.MODULE.getParent().resolve("tcpip-cluster/src/test/resources/bridge_subscriber.py");
        assertEquals(Files.readString(tested), Ctypes.pythonBlock("scaling-out.md", "def recv(sock)"));
    }
}
