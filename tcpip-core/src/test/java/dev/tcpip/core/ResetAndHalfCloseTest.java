package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.testsupport.LeakCheck;
import dev.tcpip.testsupport.StrictLeakDetection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, resets and half-closes: a peer that vanishes mid-line, mid-JSON or mid-read (closing, resetting
 * or half-closing) fails the pending read with {@link IncompleteReadException} carrying exactly the partial
 * bytes (and, for a reset, the reset as its cause), after the connection was closed and the connect
 * callback called with {@code false}. Each is repeated a thousand times, then open descriptors, Vert.x
 * timers (heartbeats are on, so each connection has one) and per-connection objects are checked for leaks,
 * with Netty's leak detector at its strictest.
 */
@ExtendWith(StrictLeakDetection.class)
class ResetAndHalfCloseTest extends TestSupport {
    private static final int CYCLES = 1000;

    /** Where the peer stops: the read pending on our side and the bytes sent before vanishing. */
    enum Cut {
        MID_LINE, MID_JSON, MID_READ_EXACTLY;

        Future<?> read(BaseClientOrServer endpoint) {
            switch (this) {
                case MID_LINE: return endpoint.readStr();
                case MID_JSON: return endpoint.readJson();
                default: return endpoint.readExactly(1000);
            }
        }

        byte[] partial(int cycle) {
            switch (this) {
                case MID_LINE: return ("partial line " + cycle + " \r").getBytes(StandardCharsets.US_ASCII);
                case MID_JSON: return ("{\"cycle\": " + cycle + ", \"values\": [1.5, ").getBytes(StandardCharsets.US_ASCII);
                default:
                    byte[] b = new byte[1 + cycle % 999];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) (cycle + i);
                    }
                    return b;
            }
        }
    }

    /** How the peer vanishes. */
    enum Ending {
        CLOSE, RESET, HALF_CLOSE;

        void apply(Socket peer) throws IOException {
            switch (this) {
                case CLOSE: peer.close(); break;
                case RESET: peer.setSoLinger(true, 0); peer.close(); break;
                default: peer.shutdownOutput(); break;
            }
        }
    }

    private static void assertDocumentedFailure(IncompleteReadException e, Cut cut, Ending ending, byte[] sent, String where) {
        assertEquals(Buffer.buffer(sent), e.partial(), where + ": the partial data");
        assertEquals(cut == Cut.MID_READ_EXACTLY ? java.util.OptionalInt.of(1000) : java.util.OptionalInt.empty(), e.expected(), where);
        if (ending == Ending.RESET) {
            assertTrue(e.getCause() instanceof IOException, where + ": a reset is the cause, got " + e.getCause());
        } else {
            assertNull(e.getCause(), where + ": an orderly end has no cause");
        }
    }

    @Test
    void aServersClientVanishingMidLineMidJsonOrMidReadAThousandTimesGivesTheDocumentedErrorAndLeaksNothing() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()
            .setHeartbeatMonitor(true).setMaxHeartbeatInterval(Duration.ofSeconds(30)), log.callback()));
        LeakCheck leaks = null;
        try (LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            for (int cycle = 0; cycle < CYCLES + 20; cycle++) {
                if (cycle == 20) {
                    leaks = new LeakCheck(vertx);   // after a warm-up: pools and caches are filled
                }
                Cut cut = Cut.values()[cycle % 3];
                Ending ending = Ending.values()[(cycle / 3) % 3];
                String where = "cycle " + cycle + " " + cut + " " + ending;
                Socket peer = rawConnect(server.port());
                await(server.connectedFuture());
                if (leaks != null) {
                    leaks.track(server.socket());
                    leaks.track(server.streamReader());
                }
                Future<?> pending = cut.read(server);
                byte[] sent = cut.partial(cycle);
                send(peer, sent);
                ending.apply(peer);
                IncompleteReadException e = awaitFailure(pending, IncompleteReadException.class);
                assertDocumentedFailure(e, cut, ending, sent, where);
                // The connection was closed and reported before the read failed.
                assertFalse(server.connected(), where);
                assertNull(server.remoteAddress(), where);
                assertEquals(2 * (cycle + 1), log.calls().size(), where);
                assertEquals(List.of(true, false), log.calls().subList(2 * cycle, 2 * cycle + 2), where);
                if (ending == Ending.HALF_CLOSE) {
                    assertClosedByPeer(peer);   // the server closed its side too
                }
                peer.close();
            }
            leaks.assertNothingLeaked(5);
            assertEquals(List.of(), warnings.lines(), "a vanishing peer is routine: no warnings, no errors, no Netty leak reports");
        }
    }

    @Test
    void aClientsServerVanishingMidLineMidJsonOrMidReadAThousandTimesGivesTheDocumentedErrorAndLeaksNothing() throws Exception {
        LeakCheck leaks = null;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName(Tcpip.LOCALHOST_IPV4));
             LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            for (int cycle = 0; cycle < CYCLES + 20; cycle++) {
                if (cycle == 20) {
                    leaks = new LeakCheck(vertx);
                }
                Cut cut = Cut.values()[cycle % 3];
                Ending ending = Ending.values()[(cycle / 3) % 3];
                String where = "cycle " + cycle + " " + cut + " " + ending;
                ConnectLog log = new ConnectLog();
                // Heartbeats on: each connection has a periodic timer that must go with it.
                Client client = deploy(new Client(new ClientOptions().setPort(listener.getLocalPort())
                    .setHeartbeatSend(true).setHeartbeatSendInterval(Duration.ofSeconds(30)), log.callback()));
                try (Socket peer = listener.accept()) {
                    if (leaks != null) {
                        leaks.track(client);
                        leaks.track(client.socket());
                        leaks.track(client.streamReader());
                    }
                    Future<?> pending = cut.read(client);
                    byte[] sent = cut.partial(cycle);
                    send(peer, sent);
                    ending.apply(peer);
                    IncompleteReadException e = awaitFailure(pending, IncompleteReadException.class);
                    assertDocumentedFailure(e, cut, ending, sent, where);
                    assertEquals(List.of(true, false), log.calls(), where);
                    assertFalse(client.connected(), where);
                    assertFalse(client.doneFuture().isComplete(), where + ": a lost connection does not close the client");
                    if (ending == Ending.HALF_CLOSE) {
                        assertClosedByPeer(peer);
                    }
                }
                await(vertx.undeploy(client.deploymentID()));
                assertTrue(client.doneFuture().isComplete(), where);
            }
            leaks.assertNothingLeaked(5);
            assertEquals(List.of(), warnings.lines(), "a vanishing peer is routine: no warnings, no errors, no Netty leak reports");
        }
    }

    /**
     * The send queue of a local TCP socket, from /proc/net/tcp: bytes it holds that the other end has not
     * acknowledged yet; -1 when not found (or not Linux).
     */
    static long sendQueue(int localPort, int remotePort) throws IOException {
        String local = String.format(":%04X", localPort);
        String remote = String.format(":%04X", remotePort);
        // The JDK's sockets are IPv6 sockets by default: IPv4 loopback connections are listed in tcp6.
        for (String name : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            java.nio.file.Path table = java.nio.file.Path.of(name);
            if (!java.nio.file.Files.exists(table)) {
                continue;
            }
            for (String line : java.nio.file.Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 4 && f[1].endsWith(local) && f[2].endsWith(remote)) {
                    return Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
                }
            }
        }
        return -1;
    }

    @Test
    void aPeerThatSentDataThenResetLosesNothingWhenOurNextWriteMeetsTheReset() throws Exception {
        // The kernel reports a reset once. When the server has stopped reading (a full read-ahead) a write
        // meets it first: Netty then closed the socket with the peer's last bytes unread in the kernel, and
        // without reading on, the end of the stream would not be seen until the application read again.
        Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/net/tcp")),
            "needs /proc/net/tcp (Linux) to know when the kernel has delivered every byte");
        ConnectLog log = new ConnectLog();
        // No connection monitor, so the read after the last byte reports the reset rather than "not connected".
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO), log.callback()));
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            io.netty.channel.Channel channel = ((io.vertx.core.internal.net.NetSocketInternal) server.socket()).channelHandlerContext().channel();
            // Send until the server has stopped reading from the kernel (its read-ahead and Vert.x's queue are
            // full), then once more, so the kernel holds bytes nobody has read. After each chunk, wait until
            // the server's kernel has acknowledged it: a reset discards bytes still unsent.
            boolean oneMore = true;
            while (oneMore) {
                oneMore = channel.config().isAutoRead();
                byte[] chunk = new byte[16 * 1024];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ((sent.size() + i) % 253);
                }
                send(peer, chunk);
                sent.write(chunk);
                assertTrue(sent.size() < 64 << 20, "the server never stopped reading");
                awaitCondition("every byte acknowledged by the server's kernel", () -> {
                    try {
                        long queued = sendQueue(peer.getLocalPort(), server.port());
                        assertTrue(queued >= 0, "the peer's socket is not in /proc/net/tcp or tcp6");
                        return queued == 0;
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            peer.setSoLinger(true, 0);
        }
        // Write until a write meets the reset.
        awaitCondition("a write failed on the reset", () -> {
            try {
                await(server.write(Buffer.buffer("ping\r\n")));
                return false;
            } catch (Exception e) {
                return true;
            }
        });
        awaitCondition("the end of the stream was seen without anyone reading", () -> server.streamReader().eofSeen());
        assertEquals(Buffer.buffer(sent.toByteArray()), await(server.readExactly(sent.size())), "every byte the peer sent");
        IncompleteReadException e = awaitFailure(server.readStr(), IncompleteReadException.class);
        assertEquals(0, e.partial().length());
        assertTrue(e.getCause() instanceof IOException, "the reset is the cause, got " + e.getCause());
        // The socket's own error, not Netty's wrapper for the writes it failed after it ("Channel output shutdown").
        assertFalse(e.getCause() instanceof io.netty.channel.socket.ChannelOutputShutdownException, "the reset itself is the cause, got " + e.getCause());
        assertEquals(List.of(true, false), log.calls());
    }

    @ParameterizedTest(name = "{0} unread bytes")
    @ValueSource(ints = {33, 3 * StreamReader.READ_AHEAD})
    void aServerThatOnlyWritesNoticesAClientThatResetWithUnreadBytesAndServesTheNext(int unread) throws Exception {
        // A telemetry server that never reads, and a client that sent a few heartbeats before it crashed:
        // the unread bytes used to keep connected() true, so the callback never ran and every new client was
        // turned away as an extra.
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            // A few heartbeats, or enough to fill the read-ahead so the server's reader has paused the socket.
            send(peer, "heartbeat\r\n".repeat(unread / 11) + "x".repeat(unread % 11));
            awaitCondition("the bytes buffered", () -> server.streamReader() != null
                && server.streamReader().available() >= Math.min(unread, StreamReader.READ_AHEAD));
            peer.setSoLinger(true, 0);
        }
        awaitCondition("the server noticed the reset by writing", () -> {
            server.write(Buffer.buffer("telemetry\r\n"));
            return log.calls().size() == 2;
        });
        assertEquals(List.of(true, false), log.calls());
        try (Socket next = rawConnect(server.port())) {
            await(server.connectedFuture());
            await(server.writeStr("welcome"));
            assertEquals("welcome\r\n", new String(receive(next, 9), StandardCharsets.US_ASCII));
        }
    }
}
