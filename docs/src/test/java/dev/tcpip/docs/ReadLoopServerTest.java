package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.Tcpip;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/read-loop-server.md. */
@ExtendWith(VertxExtension.class)
class ReadLoopServerTest {

    @Test
    void theLoopServesEachLine(Vertx vertx) throws Exception {
        // tag::read-loop-deploy[]
        MockMount mount = new MockMount(new ServerOptions().setName("mount"));  // 127.0.0.1, any free port
        Future<String> deployed = vertx.deployVerticle(mount);
        // end::read-loop-deploy[]
        await(deployed);
        try (Socket csc = RawSockets.rawConnect(mount.port())) {
            send(csc, "MOVE 120.5 45\r\nPOS?\r\nPARK\r\n");
            assertEquals("OK\r\n", RawSockets.receiveLine(csc));
            assertEquals("120.5 45.0\r\n", RawSockets.receiveLine(csc));
            assertEquals("ERR unknown command PARK\r\n", RawSockets.receiveLine(csc));
        }
    }

    @Test
    void aFailureDropsTheClientAndTheServerServesTheNext(Vertx vertx) throws Exception {
        MockMount mount = new MockMount(new ServerOptions());
        await(vertx.deployVerticle(mount));
        try (Socket first = RawSockets.rawConnect(mount.port())) {
            send(first, "MOVE north up\r\n");
            assertEquals(-1, first.getInputStream().read(), "dropped: NumberFormatException");
        }
        Await.awaitCondition("the server is free again", () -> !mount.connected());
        assertFalse(mount.shouldBeConnected(), "dropped with closeClient()");
        try (Socket second = RawSockets.rawConnect(mount.port())) {
            send(second, "POS?\r\n");
            assertEquals("0.0 0.0\r\n", RawSockets.receiveLine(second));
        }
    }

    @Test
    void whatTheCallbackSeesWhenAClientLeavesOrIsDropped(Vertx vertx) throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        OneClientReadLoopServer server = new OneClientReadLoopServer(new ServerOptions(), ConnectCallback.of(
            s -> seen.add("connected=" + s.connected() + " shouldBeConnected=" + s.shouldBeConnected()))) {
            @Override
            protected Future<Void> readAndDispatch() {
                return readStr().compose(line -> line.equals("bad")
                    ? Future.failedFuture(new IllegalArgumentException("bad command"))
                    : writeStr("OK"));
            }
        };
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals("connected=true shouldBeConnected=true", awaitNext(seen));
        }
        assertEquals("connected=false shouldBeConnected=true", awaitNext(seen), "the client left: unexpected");
        Await.awaitCondition("the loop ended with closeClient()", () -> !server.shouldBeConnected());
        assertTrue(seen.isEmpty(), "no second callback: " + seen);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals("connected=true shouldBeConnected=true", awaitNext(seen));
            send(peer, "bad\r\n");
            assertEquals("connected=false shouldBeConnected=false", awaitNext(seen), "dropped by the server");
            assertEquals(-1, peer.getInputStream().read());
        }
    }

    @Test
    void aLineTooLongDropsTheClientToo(Vertx vertx) throws Exception {
        MockMount mount = new MockMount(new ServerOptions().setMaxLineLength(16));
        await(vertx.deployVerticle(mount));
        try (Socket csc = RawSockets.rawConnect(mount.port())) {
            send(csc, "MOVE " + "1".repeat(40) + " 2\r\n");
            assertEquals(-1, csc.getInputStream().read());
        }
    }

    @Test
    void noMonitorAndLoopbackByDefault() {
        MockMount mount = new MockMount(new ServerOptions().setMonitorConnectionInterval(Duration.ofSeconds(1)));
        assertEquals(Duration.ZERO, mount.options().getMonitorConnectionInterval());
        assertEquals(Tcpip.LOCALHOST_IPV4, mount.host());
    }

    @Test
    void theConnectCallbackRunsBeforeTheLoopStarts(Vertx vertx) throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Promise<Void> gate = Promise.promise();
        OneClientReadLoopServer server = new OneClientReadLoopServer(new ServerOptions(), s -> {
            events.add("callback connected=" + s.connected());
            return s.connected() ? gate.future() : Future.succeededFuture();
        }) {
            @Override
            protected Future<Void> readAndDispatch() {
                events.add("readAndDispatch, callback done=" + gate.future().isComplete());
                return readStr().mapEmpty();
            }
        };
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals("callback connected=true", awaitNext(events));
            gate.complete();
            assertEquals("readAndDispatch, callback done=true", awaitNext(events));
            send(peer, "one\r\n");
            assertEquals("readAndDispatch, callback done=true", awaitNext(events));
        }
        assertEquals("callback connected=false", awaitNext(events));
    }

    // tag::heartbeat-server[]
    /** Drops a client that sends no heartbeat for longer than maxSilence. */
    static class MonitoredServer extends OneClientReadLoopServer {
        MonitoredServer(Duration maxSilence) {
            super(new ServerOptions()
                .setHeartbeatMonitor(true)
                .setMaxHeartbeatInterval(maxSilence));          // default 10 s
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> Tcpip.HEARTBEAT.equals(line)
                ? handleReceivedHeartbeat()                     // restarts the monitor's clock
                : writeStr("OK " + line));
        }
    }
    // end::heartbeat-server[]

    /** Counts the heartbeats it receives. */
    static class CountingServer extends MonitoredServer {
        final AtomicInteger heartbeats = new AtomicInteger();

        CountingServer(Duration maxSilence) {
            super(maxSilence);
        }

        @Override
        public Future<Void> handleReceivedHeartbeat() {
            heartbeats.incrementAndGet();
            return super.handleReceivedHeartbeat();
        }
    }

    @Test
    void aClientSendingHeartbeatsStays(Vertx vertx) throws Exception {
        CountingServer server = new CountingServer(Duration.ofMillis(500));
        await(vertx.deployVerticle(server));
        int port = server.port();
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        // tag::heartbeat-client[]
        Client client = new Client(new ClientOptions()
            .setPort(port)
            .setHeartbeatSend(true)                                // "heartbeat\r\n" at once, then...
            .setHeartbeatSendInterval(Duration.ofMillis(100)),     // ...every 100 ms (default 1 s)
            ConnectCallback.of(c -> states.add(c.connected())));
        // end::heartbeat-client[]
        await(vertx.deployVerticle(client));
        assertEquals(true, awaitNext(states));
        Await.awaitCondition("ten heartbeats: twice the longest allowed silence", () -> server.heartbeats.get() >= 10);
        assertTrue(states.isEmpty(), "never dropped");
        await(client.writeStr("MOVE"));
        assertEquals("OK MOVE", await(client.readStr()));
    }

    @Test
    void aSilentClientIsDropped(Vertx vertx) throws Exception {
        MonitoredServer server = new MonitoredServer(Duration.ofMillis(200));
        await(vertx.deployVerticle(server));
        try (Socket quiet = RawSockets.rawConnect(server.port())) {
            send(quiet, "hello\r\n");
            assertEquals("OK hello\r\n", RawSockets.receiveLine(quiet));
            assertEquals(-1, quiet.getInputStream().read(), "dropped after 200 ms without a heartbeat");
        }
        try (Socket next = RawSockets.rawConnect(server.port())) {
            send(next, Tcpip.HEARTBEAT + "\r\nstill served\r\n");
            assertEquals("OK still served\r\n", RawSockets.receiveLine(next));
        }
    }

    @Test
    void aClientThatStopsSendingHeartbeatsIsDropped(Vertx vertx) throws Exception {
        MonitoredServer server = new MonitoredServer(Duration.ofMillis(300));
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            send(peer, "heartbeat\r\nheartbeat\r\nlast words\r\n");
            assertEquals("OK last words\r\n", RawSockets.receiveLine(peer));
            assertEquals(-1, peer.getInputStream().read(), "dropped once the heartbeats stop");
        }
        assertFalse(server.connected());
        assertFalse(server.doneFuture().isComplete(), "the server goes on");
    }

    @Test
    void aHeartbeatWithTheMonitorOffDropsTheClient(Vertx vertx) throws Exception {
        class Unmonitored extends OneClientReadLoopServer {
            Unmonitored() {
                super(new ServerOptions());
            }

            @Override
            protected Future<Void> readAndDispatch() {
                return readStr().compose(line -> Tcpip.HEARTBEAT.equals(line)
                    ? handleReceivedHeartbeat()
                    : writeStr("OK " + line));
            }
        }
        Unmonitored server = new Unmonitored();
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            send(peer, "a\r\nheartbeat\r\nb\r\n");
            assertEquals("OK a\r\n", RawSockets.receiveLine(peer));
            assertEquals(-1, peer.getInputStream().read());
        }
    }

    @Test
    void clientHeartbeatsStartAtOnceAndRepeat(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        Client client = new Client(new ClientOptions().setPort(server.port()).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofMillis(20)));
        await(vertx.deployVerticle(client));
        await(server.connectedFuture());                    // the server may accept after the client connects
        for (int i = 0; i < 3; i++) {
            assertEquals(Tcpip.HEARTBEAT, await(server.readStr()));
        }
        await(client.close());
        assertFalse(client.shouldBeConnected());
    }
}
