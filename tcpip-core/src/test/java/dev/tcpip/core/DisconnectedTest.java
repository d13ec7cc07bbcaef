package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code disconnectedFuture()}: waiting for "the peer has gone" without polling; and the one INFO line that
 * says how a connection ended, a normal close or a loss.
 */
class DisconnectedTest extends TestSupport {

    /** Echoes lines; a read-loop server notices a client's close by reading. */
    static final class Echo extends OneClientReadLoopServer {
        Echo(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(this::writeStr);
        }
    }

    @Test
    void disconnectedFutureIsCompleteWhileThereIsNoConnection() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        assertTrue(server.disconnectedFuture().succeeded(), "before start");
        deploy(server);
        assertTrue(server.disconnectedFuture().succeeded(), "listening, no client");
        Client client = new Client(new ClientOptions().setPort(server.port()));
        assertTrue(client.disconnectedFuture().succeeded(), "a client not yet started");
    }

    @Test
    void disconnectedFutureCompletesAfterTheCallbackWhenTheClientCloses() throws Exception {
        List<Boolean> calls = new CopyOnWriteArrayList<>();
        Echo server = deploy(new Echo(new ServerOptions(), ConnectCallback.of(s -> calls.add(s.connected()))));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        Future<Void> gone = server.disconnectedFuture();
        await(client.writeStr("ping"));
        assertEquals("ping", await(client.readStr()));
        assertFalse(gone.isComplete(), "the client is still there");

        await(client.close());
        await(gone);
        assertEquals(List.of(true, false), calls, "the callback ran with false before the future completed");
        assertFalse(server.connected());
        assertTrue(server.disconnectedFuture().succeeded(), "no client now");
    }

    @Test
    void eachClientHasItsOwnDisconnectedFuture() throws Exception {
        Echo server = deploy(new Echo(new ServerOptions(), null));
        for (int i = 0; i < 3; i++) {
            Future<Void> gone;
            try (Socket peer = rawConnect(server.port())) {
                await(server.connectedFuture());
                gone = server.disconnectedFuture();
                assertFalse(gone.isComplete(), "client " + i + " connected");
                send(peer, "x\r\n");
                assertEquals("x\r\n", new String(receive(peer, 3)));
            }
            await(gone);
        }
    }

    @Test
    void closeClientAndCloseCompleteIt() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        Future<Void> serverSide = server.disconnectedFuture();
        Future<Void> clientSide = client.disconnectedFuture();
        await(server.closeClient());
        assertTrue(serverSide.succeeded(), "closeClient() completes it before its own future");
        await(clientSide);          // the client's connection monitor sees the end of the stream

        Client again = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        Future<Void> second = server.disconnectedFuture();
        await(server.close());
        assertTrue(second.succeeded(), "close() completes it");
        await(again.close());
    }

    @Test
    void aClientThatClosesNormallyIsLoggedAsAClose() throws Exception {
        Echo server = deploy(new Echo(new ServerOptions(), null));
        try (LogCapture logs = LogCapture.atLeast(Level.INFO)) {
            Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
            await(server.connectedFuture());
            Future<Void> gone = server.disconnectedFuture();
            await(client.close());
            await(gone);
            List<String> serverLines = serverLines(logs);
            assertTrue(serverLines.contains("INFO " + Echo.class.getName() + " - client closed the connection during readStr"),
                String.join("\n", serverLines));
            assertFalse(serverLines.stream().anyMatch(l -> l.contains("lost")), String.join("\n", serverLines));
        }
    }

    @Test
    void aResetIsLoggedAsALossWithItsReason() throws Exception {
        Echo server = deploy(new Echo(new ServerOptions().setName("dome"), null));
        try (LogCapture logs = LogCapture.atLeast(Level.INFO)) {
            Socket peer = rawConnect(server.port());
            await(server.connectedFuture());
            Future<Void> gone = server.disconnectedFuture();
            send(peer, "half a li");
            peer.setSoLinger(true, 0);
            peer.close();                              // RST
            await(gone);
            List<String> serverLines = serverLines(logs);
            String prefix = "INFO " + Echo.class.getName() + " - dome: connection to the client lost during readStr (9 bytes of it had arrived): ";
            assertTrue(serverLines.stream().anyMatch(l -> l.startsWith(prefix) && l.contains("reset")), String.join("\n", serverLines));
        }
    }

    @Test
    void theConnectionMonitorLogsAServerThatClosesAsAClose() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (LogCapture logs = LogCapture.atLeast(Level.INFO)) {
            Client client = deploy(new Client(new ClientOptions().setPort(server.port())
                .setMonitorConnectionInterval(Duration.ofMillis(100))));
            await(server.connectedFuture());
            Future<Void> gone = client.disconnectedFuture();
            await(server.closeClient());
            await(gone);                               // noticed by the monitor: nobody reads
            List<String> lines = logs.lines().stream().filter(l -> l.contains(Client.class.getName())).collect(Collectors.toList());
            assertTrue(lines.contains("INFO " + Client.class.getName() + " - server closed the connection"), String.join("\n", lines));
        }
    }

    private static List<String> serverLines(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains(Echo.class.getName())).collect(Collectors.toList());
    }
}
