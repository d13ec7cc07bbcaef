package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 20 to 24: the client. */
class ClientTest extends TestSupport {

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void b20_aFailedConnectFailsStartWithTheConnectErrorAndDoneOnlyCompletesOnClose() throws Exception {
        ConnectLog log = new ConnectLog();
        Client client = new Client(new ClientOptions().setPort(closedPort()), log.callback());
        awaitFailure(vertx.deployVerticle(client), ConnectException.class);
        awaitFailure(client.startFuture(), ConnectException.class);
        assertFalse(client.doneFuture().isComplete());
        assertFalse(client.connected());
        await(client.close());
        assertTrue(client.doneFuture().isComplete());
        assertEquals(List.of(), log.calls());
    }

    @Test
    void b20_aRefusedConnectNamesTheAddressOnceWithTheReasonAndIsLoggedOnce() throws Exception {
        int port = closedPort();
        String expected = "Client probe: cannot connect to 127.0.0.1:" + port + ": Connection refused";
        try (LogCapture logs = LogCapture.atLeast(Level.INFO)) {
            Client client = new Client(new ClientOptions().setHost("127.0.0.1").setPort(port).setName("probe"));
            ConnectException deployment = awaitFailure(vertx.deployVerticle(client), ConnectException.class);
            assertEquals(expected, deployment.getMessage());
            ConnectException start = awaitFailure(client.startFuture(), ConnectException.class);
            assertEquals(expected, start.getMessage());
            ConnectException original = assertInstanceOf(ConnectException.class, start.getCause(),
                "the connect error as Netty gave it is the cause");
            assertTrue(original.getMessage().startsWith("Connection refused"), original.getMessage());
            await(client.close());
            assertEquals(List.of("INFO " + Client.class.getName() + " - probe: cannot connect to 127.0.0.1:" + port + ": Connection refused"),
                logs.lines().stream().filter(l -> l.contains("cannot connect to 127.0.0.1:" + port)).toList(),
                "logged once, at INFO, starting with the name (the logger names the class)");
        }
    }

    @Test
    void b20_aClientConnectsOnceAndDoesNotReconnectByItself() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()), log.callback()));
        await(server.connectedFuture());
        await(server.closeClient());
        log.awaitCalls(true, false);
        // Had the first client redialled, the server would be busy and reject this one.
        Client second = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        await(second.writeStr("second"));
        assertEquals("second", await(server.readStr()));
        assertFalse(client.connected());
        assertEquals(List.of(true, false), log.calls());
    }

    @Test
    void b21_aClientWithAnEmptyHostIsCreatedAlreadyClosed() throws Exception {
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setHost(""), log.callback()));
        assertTrue(client.startFuture().succeeded());
        assertTrue(client.doneFuture().isComplete());
        assertFalse(client.connected());
        assertFalse(client.shouldBeConnected());
        await(client.close());
        await(client.basicClose());
        assertEquals(List.of(), log.calls());
        awaitFailure(client.writeStr("x"), NotConnectedException.class);
    }

    @Test
    void b22_theClientsMonitorCallsBackFalseWhenTheServerDropsIt() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()), log.callback()));
        await(server.connectedFuture());
        await(server.closeClient());
        log.awaitCalls(true, false);
        assertFalse(client.connected());
        assertTrue(client.shouldBeConnected());
        assertFalse(client.doneFuture().isComplete());
    }

    @Test
    void b23_closeClearsShouldBeConnectedStopsEverythingCompletesDoneAndIsIdempotent() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofMillis(20)), log.callback()));
        await(server.connectedFuture());
        assertEquals(Tcpip.HEARTBEAT, await(server.readStr()));
        await(client.close());
        assertFalse(client.shouldBeConnected());
        assertTrue(client.doneFuture().isComplete());
        assertEquals(List.of(true, false), log.calls());
        // Heartbeats stopped: whatever is left ends in end of stream.
        while (true) {
            Buffer line;
            try {
                line = await(server.readUntil(Buffer.buffer("\r\n")));
            } catch (IncompleteReadException e) {
                assertEquals(0, e.partial().length());
                break;
            }
            assertEquals("heartbeat\r\n", line.toString());
        }
        await(client.close());
        await(client.basicClose());
        assertEquals(List.of(true, false), log.calls());
    }

    @Test
    void b23_basicCloseDoesTheSameButLeavesShouldBeConnectedTrue() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()), log.callback()));
        await(server.connectedFuture());
        await(client.basicClose());
        assertTrue(client.shouldBeConnected());
        assertTrue(client.doneFuture().isComplete());
        assertFalse(client.connected());
        assertEquals(List.of(true, false), log.calls());
        await(client.basicClose());
        assertEquals(List.of(true, false), log.calls());
        awaitFailure(server.readStr(), IncompleteReadException.class);
    }

    @Test
    void b24_heartbeatsAreSentAtOnceAfterConnectingThenEveryInterval() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        // An interval far beyond the test: only the immediate heartbeat can arrive.
        Client slow = deploy(new Client(new ClientOptions().setPort(server.port()).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofHours(1))));
        await(server.connectedFuture());
        assertEquals("heartbeat", await(server.readStr()));
        await(slow.writeStr("marker"));
        assertEquals("marker", await(server.readStr()), "no second heartbeat before the interval");
        await(slow.close());
        await(server.closeClient());

        Client fast = deploy(new Client(new ClientOptions().setPort(server.port()).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofMillis(10)).setTerminator("\n")));
        await(server.connectedFuture());
        for (int i = 0; i < 5; i++) {
            assertEquals("heartbeat\n", await(server.readUntil(Buffer.buffer("\n"))).toString(), "heartbeat " + i);
        }
        await(fast.close());
    }

    @Test
    void b24_noHeartbeatsUnlessAskedFor() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        await(client.writeStr("first"));
        assertEquals("first", await(server.readStr()));
    }
}
