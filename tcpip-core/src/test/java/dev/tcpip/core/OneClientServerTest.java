package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.assertRefusedEventually;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 10 to 19: the one-client server and its connect callback. */
class OneClientServerTest extends TestSupport {

    private static ServerOptions noMonitor() {
        return new ServerOptions().setMonitorConnectionInterval(Duration.ZERO);
    }

    @Test
    void b10_connectCallbackIsCalledExactlyOncePerChangeOfConnected() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        for (int round = 0; round < 3; round++) {
            Socket peer = rawConnect(server.port());
            await(server.connectedFuture());
            await(server.callConnectCallback());
            peer.close();
            awaitCondition("drop seen", () -> !server.connected() && server.remoteAddress() == null);
            await(server.callConnectCallback());
            await(server.closeClient());
        }
        assertEquals(List.of(true, false, true, false, true, false), log.calls());
    }

    @Test
    void b10_anExceptionOrFailedFutureFromTheCallbackIsLoggedAndSwallowed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ConnectCallback<OneClientServer> throwing = s -> {
            if (calls.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("callback blew up");
            }
            return Future.failedFuture("callback failed");
        };
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), throwing));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            awaitCondition("callback ran", () -> calls.get() == 1);
            send(peer, "still works\r\n");
            assertEquals("still works", await(server.readStr()));
            await(server.writeStr("yes"));
            assertArrayEquals("yes\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 5));
            await(server.closeClient());
            assertEquals(2, calls.get());
        }
        try (Socket again = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(again, "next\r\n");
            assertEquals("next", await(server.readStr()));
        }
    }

    @Test
    void b11_connectedIsFalseWithNoSocketAfterEndOfStreamWithNothingUnreadAndWhileClosing() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        assertFalse(server.connected(), "no socket");
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        assertTrue(server.connected());
        StreamReaderProbe probe = new StreamReaderProbe(server);
        send(peer, "unread\r\n");
        peer.shutdownOutput();
        awaitCondition("end of stream seen", probe::eofSeen);
        assertTrue(server.connected(), "unread data remains, so still connected");
        assertEquals("unread", await(server.readStr()));
        assertFalse(server.connected(), "end of stream seen and nothing unread");
        peer.close();

        Socket second = rawConnect(server.port());
        await(server.connectedFuture());
        assertTrue(server.connected());
        // Asked on the server's context right after starting the close, before the socket has closed.
        boolean connectedWhileClosing = await(server.onContext(() -> {
            server.closeClient();
            return Future.succeededFuture(server.connected());
        }));
        assertFalse(connectedWhileClosing, "closing");
        second.close();
    }

    /** Reads the reader of whatever connection the server has now. */
    static final class StreamReaderProbe {
        private final BaseClientOrServer endpoint;

        StreamReaderProbe(BaseClientOrServer endpoint) {
            this.endpoint = endpoint;
        }

        boolean eofSeen() {
            var r = endpoint.streamReader();
            return r == null || r.eofSeen();
        }
    }

    @Test
    void b12_aServerAskedForPort0ReportsTheRealPortOnceStarted() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions().setPort(0));
        assertEquals(0, server.port());
        deploy(server);
        assertTrue(server.port() > 0 && server.port() <= 65535);
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            assertEquals(peer.getLocalPort(), server.remoteAddress().port(), "the server's client is this peer");
        }
    }

    @Test
    void b13_startingTwiceFailsWithAClearError() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        IllegalStateException e = awaitFailure(vertx.deployVerticle(server), IllegalStateException.class);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "first deployment still serves\r\n");
            assertEquals("first deployment still serves", await(server.readStr()));
        }
    }

    @Test
    void b14_aSecondClientIsClosedAtOnceWithNoCallbackAndNoEffectOnTheFirst() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        try (Socket first = rawConnect(server.port())) {
            await(server.connectedFuture());
            try (Socket second = rawConnect(server.port())) {
                send(second, "ignored\r\n");
                assertEquals(-1, second.getInputStream().read(), "the extra client reads end of stream");
            }
            send(first, "first\r\n");
            assertEquals("first", await(server.readStr()));
            await(server.writeStr("to first"));
            assertArrayEquals("to first\r\n".getBytes(StandardCharsets.US_ASCII), receive(first, 10));
            assertEquals(List.of(true), log.calls());
            assertEquals(first.getLocalPort(), server.remoteAddress().port());
        }
    }

    @Test
    void b14_ofFiveClientsConnectingAtOnceExactlyOneStaysConnected() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = new Socket();
            s.connect(new java.net.InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()));
            s.setSoTimeout((int) (TIMEOUT_SECONDS * 1000));
            clients.add(s);
        }
        await(server.connectedFuture());
        awaitCondition("one client chosen", () -> server.remoteAddress() != null);
        int chosen = server.remoteAddress().port();
        int rejected = 0;
        for (Socket s : clients) {
            if (s.getLocalPort() == chosen) {
                continue;
            }
            assertEquals(-1, s.getInputStream().read(), "rejected client reads end of stream");
            rejected++;
        }
        assertEquals(4, rejected);
        await(server.writeStr("you"));
        Socket kept = clients.stream().filter(s -> s.getLocalPort() == chosen).findFirst().orElseThrow();
        assertArrayEquals("you\r\n".getBytes(StandardCharsets.US_ASCII), receive(kept, 5));
        assertEquals(List.of(true), log.calls());
        for (Socket s : clients) {
            s.close();
        }
    }

    @Test
    void b15_connectedFutureCompletesOnConnectAndCloseClientReplacesIt() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Future<Void> first = server.connectedFuture();
        assertFalse(first.isComplete());
        Socket peer = rawConnect(server.port());
        await(first);
        await(server.closeClient());
        Future<Void> second = server.connectedFuture();
        assertNotSame(first, second);
        assertFalse(second.isComplete());
        peer.close();
        try (Socket again = rawConnect(server.port())) {
            await(second);
            assertEquals(again.getLocalPort(), server.remoteAddress().port(), "the second future is the new client's");
        }
    }

    @Test
    void b16_withAMonitorTheServerNoticesADroppedClientAndCallsBackFalse() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(Duration.ofMillis(100)), log.callback()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        peer.close();
        log.awaitCalls(true, false);
        assertTrue(server.shouldBeConnected());
        assertFalse(server.connected());
    }

    @Test
    void b16_withoutAMonitorADropIsSeenByTheNextRead() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(noMonitor(), log.callback()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        StreamReaderProbe probe = new StreamReaderProbe(server);
        peer.close();
        awaitCondition("end of stream seen", probe::eofSeen);
        assertEquals(List.of(true), log.calls(), "no monitor: the drop is not reported by itself");
        awaitFailure(server.readStr(), IncompleteReadException.class);
        assertEquals(List.of(true, false), log.calls());
        assertTrue(server.shouldBeConnected());
    }

    @Test
    void b17_aNewClientAfterAnUnnoticedDropGivesFalseForTheOldThenTrueForTheNew() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(noMonitor(), log.callback()));
        Socket old = rawConnect(server.port());
        await(server.connectedFuture());
        StreamReaderProbe probe = new StreamReaderProbe(server);
        old.close();
        awaitCondition("end of stream seen", probe::eofSeen);
        try (Socket fresh = rawConnect(server.port())) {
            log.awaitCalls(true, false, true);
            assertEquals(fresh.getLocalPort(), server.remoteAddress().port());
            send(fresh, "new\r\n");
            assertEquals("new", await(server.readStr()));
        }
    }

    @Test
    void b18_closeClientClosesTheClientKeepsListeningAndIsIdempotent() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        await(server.closeClient());
        assertFalse(server.shouldBeConnected());
        assertEquals(-1, peer.getInputStream().read(), "client socket closed");
        assertEquals(List.of(true, false), log.calls());
        assertFalse(server.doneFuture().isComplete());
        await(server.closeClient());
        await(server.basicCloseClient());
        assertEquals(List.of(true, false), log.calls());
        try (Socket next = rawConnect(server.port())) {
            await(server.connectedFuture());
            assertTrue(server.shouldBeConnected());
            log.awaitCalls(true, false, true);
            await(server.basicCloseClient());
            assertTrue(server.shouldBeConnected(), "basicCloseClient leaves shouldBeConnected alone");
            assertEquals(-1, next.getInputStream().read());
        }
        peer.close();
    }

    @Test
    void b19_closeClosesClientAndListenerCompletesDoneAndIsIdempotent() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(new ServerOptions(), log.callback()));
        int port = server.port();
        Socket peer = rawConnect(port);
        await(server.connectedFuture());
        await(server.close());
        assertTrue(server.doneFuture().isComplete());
        assertEquals(List.of(true, false), log.calls());
        assertEquals(-1, peer.getInputStream().read());
        assertRefusedEventually(port);
        await(server.close());
        await(server.closeClient());
        assertEquals(List.of(true, false), log.calls());
        peer.close();
    }

    @Test
    void b19_aClientOfAClosedServerIsRefused() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        int port = server.port();
        await(server.close());
        assertRefusedEventually(port);
        Client client = new Client(new ClientOptions().setPort(port)
            .setNetClientOptions(new NetClientOptions().setConnectTimeout(5000)));
        awaitFailure(vertx.deployVerticle(client), ConnectException.class);
        assertTrue(client.startFuture().failed());
        awaitFailure(server.write(Buffer.buffer("x")), NotConnectedException.class);
    }

    @Test
    void b14_aClientThatClosesAndReconnectsAtOnceIsServedNotRejected() throws Exception {
        for (ServerOptions options : List.of(new ServerOptions(), noMonitor())) {
            ConnectLog log = new ConnectLog();
            ReadLoopServerTest.LineServer server = deploy(new ReadLoopServerTest.LineServer(options, log.callback()));
            for (int i = 0; i < 50; i++) {
                try (Socket peer = rawConnect(server.port())) {
                    send(peer, "echo " + i + "\r\n");
                    byte[] expected = (i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(expected, receive(peer, expected.length), "client " + i);
                }
            }
            await(server.close());
        }
    }
}
