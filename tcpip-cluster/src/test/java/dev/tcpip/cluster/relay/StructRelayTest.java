package dev.tcpip.cluster.relay;

import dev.tcpip.cluster.demo.MockControllerCodec;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.mock.MockController;
import dev.tcpip.mock.MockProtocol;
import dev.tcpip.testsupport.FixedPorts;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A relay between the mock telescope controller and the event bus (one JVM, the bus not clustered). */
class StructRelayTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(50));

    private final Vertx vertx = Vertx.vertx();
    private final List<StructRelay<?>> relays = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (StructRelay<?> r : relays) {
            await(r.close());
        }
        await(vertx.close());
    }

    private MockController controller(int port) throws Exception {
        MockController c = new MockController(new ServerOptions().setPort(port), 100);
        await(vertx.deployVerticle(c));
        return c;
    }

    private StructRelay<?> relay(int port) throws Exception {
        StructRelay<?> r = StructRelay.create(vertx, new RelayOptions().setControllerPort(port).setAddress("mount")
            .setReconnect(FAST).setCommandTimeout(Duration.ofSeconds(5)), MockProtocol.PROTOCOL, new MockControllerCodec());
        relays.add(r);
        await(r.start());
        return r;
    }

    private BlockingQueue<JsonObject> subscribe() throws Exception {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        MessageConsumer<JsonObject> c = vertx.eventBus().consumer("mount", m -> received.add(m.body()));
        await(c.completion());
        return received;
    }

    @Test
    void telemetryIsPublishedAsJsonWithSeqCountingFromOne() throws Exception {
        MockController controller = controller(0);
        BlockingQueue<JsonObject> received = subscribe();
        relay(controller.port());
        for (int n = 1; n <= 5; n++) {
            JsonObject m = awaitNext("sample " + n, received);
            assertEquals(n, m.getLong("seq"), m.encode());
            JsonObject body = m.getJsonObject("body");
            assertEquals(List.of("counter", "azimuth", "elevation", "azimuth_velocity", "elevation_velocity",
                "target_azimuth", "target_elevation", "max_velocity", "telemetry_hz", "state", "in_position"),
                new ArrayList<>(body.fieldNames()));
            assertEquals(n, body.getLong("counter"), "the controller's own counter: " + body.encode());
            assertEquals(100, body.getInteger("telemetry_hz"));
        }
    }

    @Test
    void aCommandReachesTheControllerAndItsAckComesBack() throws Exception {
        MockController controller = controller(0);
        StructRelay<?> relay = relay(controller.port());
        await(relay.connected());
        JsonObject ack = await(vertx.eventBus().<JsonObject>request("mount.commands",
            new JsonObject().put("command", "move").put("azimuth", 120).put("elevation", 45))).body();
        assertEquals(MockProtocol.MOVE, ack.getInteger("command_id"));
        assertEquals(MockProtocol.ACCEPTED, ack.getInteger("result"));
        assertTrue(ack.getString("text").startsWith("moving to az 120.000 el 45.000"), ack.encode());

        JsonObject rejected = await(vertx.eventBus().<JsonObject>request("mount.commands",
            new JsonObject().put("command", "move").put("azimuth", 400).put("elevation", 45))).body();
        assertEquals(MockProtocol.REJECTED_OUT_OF_RANGE, rejected.getInteger("result"));
        assertEquals(ack.getLong("command_sequence") + 1, rejected.getLong("command_sequence"));

        JsonObject stop = await(vertx.eventBus().<JsonObject>request("mount.commands",
            new JsonObject().put("command", "stop"))).body();
        assertEquals(MockProtocol.STOP, stop.getInteger("command_id"));
        assertEquals(MockProtocol.ACCEPTED, stop.getInteger("result"));
    }

    @Test
    void aMessageThatIsNotACommandFailsWithTheReasonAndNothingIsSent() throws Exception {
        MockController controller = controller(0);
        StructRelay<?> relay = relay(controller.port());
        await(relay.connected());
        ReplyException bad = awaitFailure("a jump", vertx.eventBus().request("mount.commands",
            new JsonObject().put("command", "jump")), ReplyException.class);
        assertEquals(StructRelay.FAILURE_BAD_COMMAND, bad.failureCode());
        assertEquals("\"command\" must be \"move\", \"stop\" or \"configure\", got 'jump'", bad.getMessage());
        ReplyException missing = awaitFailure("a move without elevation", vertx.eventBus().request("mount.commands",
            new JsonObject().put("command", "move").put("azimuth", 1)), ReplyException.class);
        assertEquals(StructRelay.FAILURE_BAD_COMMAND, missing.failureCode());
        // The next real command's ack echoes the sequence of the first command written: none was sent before.
        JsonObject ack = await(vertx.eventBus().<JsonObject>request("mount.commands",
            new JsonObject().put("command", "stop").put("axes", 1))).body();
        assertEquals(1, ack.getLong("command_sequence"));
    }

    @Test
    void theRelayReconnectsWhenTheControllerRestartsAndSeqGoesOnWithoutAGap() throws Exception {
        int port = FixedPorts.free(1).get(0);   // not an ephemeral port: the retrying relay could connect to itself
        MockController first = controller(port);
        BlockingQueue<JsonObject> received = subscribe();
        StructRelay<?> relay = relay(port);
        long seq = 0;
        for (int i = 0; i < 3; i++) {
            seq = awaitNext("before the restart", received).getLong("seq");
        }
        await(vertx.undeploy(first.deploymentID()));
        awaitCondition("the relay sees the controller go", () -> relay.state() != ConnectionState.CONNECTED);
        ReplyException down = awaitFailure("a command while it is down", vertx.eventBus().request("mount.commands",
            new JsonObject().put("command", "stop")), ReplyException.class);
        assertEquals(StructRelay.FAILURE_NOT_CONNECTED, down.failureCode());

        controller(port);
        JsonObject next;
        do {   // samples published before the restart, still queued here
            next = awaitNext("after the restart", received);
            assertEquals(++seq, next.getLong("seq"), "no gap in seq: " + next.encode());
        } while (next.getJsonObject("body").getLong("counter") != 1);
        assertEquals(++seq, awaitNext("the next one", received).getLong("seq"));
    }
}
