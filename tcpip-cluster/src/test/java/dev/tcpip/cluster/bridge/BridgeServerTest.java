package dev.tcpip.cluster.bridge;

import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCP event-bus bridge behind its frame limit and allowlists, driven by a raw socket as a Python client would. */
class BridgeServerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    private BridgeServer start(int maxFrame) throws Exception {
        return await(BridgeServer.start(vertx, new BridgeServerOptions().setMaxFrameLength(maxFrame)
            .setInbound(List.of("mount.commands")).setOutbound(List.of("mount"))));
    }

    static void send(Socket s, JsonObject frame) throws IOException {
        byte[] payload = frame.encode().getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static JsonObject receive(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new JsonObject(new String(payload, StandardCharsets.UTF_8));
    }

    @Test
    void aClientRegistersForAnOutboundAddressAndReceivesWhatIsPublishedThere() throws Exception {
        BridgeServer bridge = start(4096);
        assertTrue(bridge.port() > 0, "the port the system picked: " + bridge.port());
        try (Socket s = RawSockets.rawConnect(bridge.port())) {
            send(s, new JsonObject().put("type", "register").put("address", "mount").put("headers", new JsonObject()));
            send(s, new JsonObject().put("type", "ping"));
            assertEquals("pong", receive(s).getString("type"));   // the register before it has been taken
            vertx.eventBus().publish("mount", new JsonObject().put("seq", 1).put("body", new JsonObject().put("az", 1.5)));
            JsonObject m = receive(s);
            assertEquals("message", m.getString("type"));
            assertEquals("mount", m.getString("address"));
            assertEquals(new JsonObject().put("seq", 1).put("body", new JsonObject().put("az", 1.5)), m.getJsonObject("body"));
        }
    }

    @Test
    void aSendToAnInboundAddressGetsItsReplyAndAnythingElseIsDenied() throws Exception {
        BridgeServer bridge = start(4096);
        MessageConsumer<JsonObject> commands = vertx.eventBus().consumer("mount.commands",
            m -> m.reply(new JsonObject().put("ack", m.body().getString("command"))));
        await(commands.completion());
        try (Socket s = RawSockets.rawConnect(bridge.port())) {
            send(s, new JsonObject().put("type", "send").put("address", "mount.commands").put("replyAddress", "r1")
                .put("headers", new JsonObject()).put("body", new JsonObject().put("command", "stop")));
            JsonObject reply = receive(s);
            assertEquals("message", reply.getString("type"));
            assertEquals("r1", reply.getString("address"));
            assertEquals(new JsonObject().put("ack", "stop"), reply.getJsonObject("body"));

            send(s, new JsonObject().put("type", "send").put("address", "secret").put("body", new JsonObject()));
            assertEquals(new JsonObject().put("type", "err").put("message", "access_denied"), receive(s));
            send(s, new JsonObject().put("type", "register").put("address", "mount.commands"));
            assertEquals("access_denied", receive(s).getString("message"));
        }
    }

    @Test
    void aFrameOverTheMaximumClosesItsConnectionBeforeItIsBufferedAndOthersGoOn() throws Exception {
        BridgeServer bridge = start(1024);
        try (Socket big = RawSockets.rawConnect(bridge.port()); Socket other = RawSockets.rawConnect(bridge.port())) {
            DataOutputStream out = new DataOutputStream(big.getOutputStream());
            out.writeInt(100_000_000);   // declares 100 MB: refused on the length alone
            out.write(new byte[16]);
            out.flush();
            assertThrows(EOFException.class, () -> receive(big));

            DataOutputStream negative = new DataOutputStream(other.getOutputStream());
            send(other, new JsonObject().put("type", "ping"));
            assertEquals("pong", receive(other).getString("type"));
            negative.writeInt(-1);   // 4 GiB as the bridge's unsigned length
            negative.flush();
            assertThrows(EOFException.class, () -> receive(other));
        }
        try (Socket fine = RawSockets.rawConnect(bridge.port())) {
            send(fine, new JsonObject().put("type", "ping").put("pad", "x".repeat(900)));
            assertEquals("pong", receive(fine).getString("type"));
        }
    }

    @Test
    void optionsHaveAJsonFormAndStayOnLoopbackUnlessTold() {
        BridgeServerOptions o = new BridgeServerOptions().setPort(7001).setMaxFrameLength(2048)
            .setInbound(List.of("a.commands")).setOutbound(List.of("a"));
        assertEquals(o.toJson(), new BridgeServerOptions(o.toJson()).toJson());
        assertEquals("127.0.0.1", new BridgeServerOptions().getHost());
        assertEquals(List.of(), new BridgeServerOptions().getInbound());
        assertThrows(IllegalArgumentException.class, () -> new BridgeServerOptions().setMaxFrameLength(10));
    }
}
