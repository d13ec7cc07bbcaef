package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/one-client-server.md. */
@ExtendWith(VertxExtension.class)
class OneClientServerTest {

    @Test
    void connectedFutureCompletesWhenAClientConnects(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        // tag::connected-future[]
        Future<Void> greeted = server.connectedFuture()           // completes when a client connects
            .compose(v -> server.writeStr("welcome to the dome controller"));
        // end::connected-future[]
        assertFalse(greeted.isComplete());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(greeted);
            assertEquals("welcome to the dome controller\r\n", RawSockets.receiveLine(peer));
        }
    }

    @Test
    void disconnectedFutureCompletesWhenTheClientHasGone(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Client client = new Client(new ClientOptions().setPort(server.port()));
        await(vertx.deployVerticle(client));
        await(server.connectedFuture());
        // tag::disconnected-future[]
        Future<Void> gone = server.disconnectedFuture()          // completes when this client has gone
            .onSuccess(v -> events.add("client gone; connected=" + server.connected()));
        // end::disconnected-future[]
        assertFalse(gone.isComplete());
        await(client.close());
        await(gone);
        // The handler runs on the server's context, maybe a moment after this thread saw the future complete.
        dev.tcpip.testsupport.Await.awaitCondition("the handler ran", () -> !events.isEmpty());
        assertEquals(List.of("client gone; connected=false"), events);
        assertTrue(server.disconnectedFuture().succeeded(), "no client: complete at once");
    }

    @Test
    void anExtraClientIsAcceptedAndClosedAtOnce(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket first = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            try (Socket second = RawSockets.rawConnect(server.port())) {
                assertEquals(-1, second.getInputStream().read(), "the second client reads end of stream");
            }
            send(first, "still here\r\n");
            assertEquals("still here", await(server.readStr()));
            assertTrue(server.connected());
            assertNull(states.peek(), "no callback for the rejected client");
        }
    }

    @Test
    void ofFiveClientsConnectingAtOnceExactlyOneStays(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(RawSockets.rawConnect(server.port()));
            }
            await(server.connectedFuture());
            await(server.writeStr("you"));
            int served = 0;
            for (Socket s : sockets) {
                byte[] got = s.getInputStream().readNBytes(5);
                if (got.length == 5) {
                    assertEquals("you\r\n", new String(got, StandardCharsets.US_ASCII));
                    served++;
                } else {
                    assertEquals(0, got.length, "a rejected client reads nothing but end of stream");
                }
            }
            assertEquals(1, served);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void closeClientKeepsListeningAndReplacesConnectedFuture(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            Future<Void> first = server.connectedFuture();
            assertTrue(first.succeeded());
            // tag::close-client[]
            Future<Void> dropped = server.closeClient();      // this client goes; the server keeps listening
            // end::close-client[]
            await(dropped);
            assertEquals(false, awaitNext(states));
            assertFalse(server.shouldBeConnected());
            assertEquals(-1, peer.getInputStream().read(), "the client reads end of stream");
            assertFalse(server.connectedFuture().isComplete(), "a fresh connectedFuture()");
            assertFalse(server.doneFuture().isComplete());
            await(server.closeClient());
            assertNull(states.peek(), "idempotent: no second callback");
        }
        try (Socket next = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            assertTrue(awaitNext(states));
            assertTrue(server.shouldBeConnected());
        }
    }

    @Test
    void basicCloseClientLeavesShouldBeConnected(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            await(server.basicCloseClient());
            assertEquals(false, awaitNext(states));
            assertTrue(server.shouldBeConnected());
            assertEquals(-1, peer.getInputStream().read());
        }
    }

    @Test
    void closeStopsEverythingAndIsIdempotent(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            await(server.close());
            assertEquals(false, awaitNext(states));
            assertTrue(server.doneFuture().succeeded());
            assertEquals(-1, peer.getInputStream().read());
        }
        RawSockets.assertRefusedEventually(server.port());   // no longer listening
        await(server.close());
        await(server.closeClient());
        assertNull(states.peek());
    }

    @Test
    void withTheMonitorOnADroppedClientIsSeenAtOnce(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
        }
        assertEquals(false, awaitNext(states));
        assertTrue(server.shouldBeConnected(), "the client left; nobody asked to close");
        assertFalse(server.connectedFuture().isComplete(), "ready for the next client");
    }

    @Test
    void withTheMonitorOffADropIsSeenByTheNextClient(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        // tag::monitor-off[]
        ServerOptions options = new ServerOptions()
            .setMonitorConnectionInterval(Duration.ZERO);   // <= 0: no monitor
        // end::monitor-off[]
        OneClientServer server = EndOfStreamTest.deploy(vertx, options, states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
        }
        Await.awaitCondition("the end of stream has arrived", () -> !server.connected());
        assertNull(states.peek(), "nobody has looked yet");
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals(false, awaitNext(states), "first the old client goes");
            assertEquals(true, awaitNext(states), "then the new one comes");
            send(peer, "hi\r\n");
            assertEquals("hi", await(server.readStr()));
        }
    }

    @Test
    void withTheMonitorOffCloseSeesTheDrop(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx,
            new ServerOptions().setMonitorConnectionInterval(Duration.ofMillis(-1)), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
        }
        Await.awaitCondition("the end of stream has arrived", () -> !server.connected());
        assertNull(states.peek());
        await(server.closeClient());
        assertEquals(false, awaitNext(states));
    }
}
