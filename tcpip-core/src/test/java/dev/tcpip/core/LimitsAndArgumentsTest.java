package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import dev.tcpip.core.stream.StreamReader;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 8 and 9: the per-line limit, backpressure, and bad arguments. */
class LimitsAndArgumentsTest extends TestSupport {

    @Test
    void b08_aLineLongerThanTheLimitFailsWithLineTooLongAndTheNextLineIsRead() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMaxLineLength(100)));
        try (var peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "x".repeat(100) + "\r\n");
            assertEquals("x".repeat(100), await(server.readStr()), "exactly the limit is allowed");
            send(peer, "y".repeat(101) + "\r\nnext\r\n");
            LineTooLongException e = awaitFailure(server.readStr(), LineTooLongException.class);
            assertTrue(e.getMessage().contains("line too long"), e.getMessage());
            assertEquals(100, e.limit());
            assertEquals("next", await(server.readStr()));
            // A long line that arrives in pieces, with no delimiter yet: fails once past the limit,
            // and the rest of it is discarded as it arrives.
            Future<String> pending = server.readStr();
            send(peer, "z".repeat(80));
            send(peer, "z".repeat(80));
            awaitFailure(pending, LineTooLongException.class);
            Future<String> after = server.readStr();
            send(peer, "z".repeat(5000) + "\r\nafter\r\n");
            assertEquals("after", await(after));
            assertTrue(server.connected());
        }
    }

    @Test
    void b08_theDefaultLimitIs64KiB() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        assertEquals(64 * 1024, server.maxLineLength());
        try (var peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "a".repeat(64 * 1024) + "\r\n" + "b".repeat(64 * 1024 + 1) + "\r\n");
            assertEquals(64 * 1024, await(server.readStr()).length());
            awaitFailure(server.readStr(), LineTooLongException.class);
        }
    }

    @Test
    void b08_manyShortLinesArrivingAtOnceNeverTripTheLimitForASlowReader() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMaxLineLength(100)));
        try (var peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                all.append(String.format("line %05d\r\n", i));
            }
            send(peer, all.toString());
            for (int i = 0; i < 20_000; i++) {
                assertEquals(String.format("line %05d", i), await(server.readStr()));
            }
        }
    }

    @Test
    void b08_aPeerSendingFasterThanTheReaderIsPausedAndNothingIsLost() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        int total = 64 * 1024 * 1024;
        try (SocketChannel peer = SocketChannel.open(new InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()))) {
            peer.configureBlocking(false);
            await(server.connectedFuture());
            long written = floodUntilStalled(peer, total);
            int buffered = server.streamReader().available();
            assertTrue(buffered <= StreamReader.READ_AHEAD + 256 * 1024,
                "server buffered " + buffered + " bytes while nobody read");
            // Now read everything that was accepted: every byte arrives, in order.
            long read = 0;
            while (read < written) {
                int want = (int) Math.min(1 << 20, written - read);
                Buffer got = await(server.readExactly(want));
                for (int i = 0; i < got.length(); i += 4093) {
                    assertEquals((byte) ((read + i) % 251), got.getByte(i), "byte " + (read + i));
                }
                read += got.length();
            }
        }
    }

    @Test
    void b09_badConstructorArgumentsFailAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setTerminator(""));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setTerminator((String) null));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setTerminator(Buffer.buffer()));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setTerminator((Buffer) null));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setTerminator("\u20ac"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new ServerOptions().setEncoding("no-such-encoding"));
        assertTrue(e.getMessage().contains("no-such-encoding"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setEncoding(null));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setMaxLineLength(0));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setPort(-1));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setPort(65536));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setHeartbeatSendInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setMaxHeartbeatInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
            () -> new ServerOptions(new JsonObject().put("terminator", "")));
        assertThrows(IllegalArgumentException.class,
            () -> new ClientOptions(new JsonObject().put("encoding", "klingon")));
    }

    @Test
    void b09_badReadArgumentsFailTheRead() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (var peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            awaitFailure(server.readUntil(Buffer.buffer()), IllegalArgumentException.class);
            awaitFailure(server.readExactly(-1), IllegalArgumentException.class);
            awaitFailure(server.read(-1), IllegalArgumentException.class);
            send(peer, "ok\r\n");
            assertEquals("ok", await(server.readStr()));
        }
    }

    @Test
    void optionsRoundTripThroughTheirJsonForm() {
        ServerOptions server = new ServerOptions().setHost("::1").setPort(1234).setName("s").setEncoding("UTF-16")
            .setTerminator("\n").setMonitorConnectionInterval(Duration.ofMillis(250)).setMaxLineLength(10)
            .setHeartbeatMonitor(true).setMaxHeartbeatInterval(Duration.ofMillis(1500));
        server.getNetServerOptions().setAcceptBacklog(7);
        ServerOptions copy = new ServerOptions(server.toJson());
        assertEquals(server.toJson(), copy.toJson());
        assertEquals(Duration.ofMillis(250), copy.getMonitorConnectionInterval());
        assertEquals(7, copy.getNetServerOptions().getAcceptBacklog());
        ClientOptions client = new ClientOptions().setHost("h").setPort(9).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofMillis(100)).setTerminator("XYZZY");
        assertEquals(client.toJson(), new ClientOptions(client.toJson()).toJson());
        assertEquals(Buffer.buffer("XYZZY"), new ClientOptions(client.toJson()).getTerminator());
        List<String> keys = new ArrayList<>(new ClientOptions().toJson().fieldNames());
        assertTrue(keys.containsAll(List.of("name", "encoding", "terminator", "monitorConnectionInterval",
            "maxLineLength", "host", "port", "heartbeatSend", "heartbeatSendInterval", "netClientOptions")), keys.toString());
    }
}
