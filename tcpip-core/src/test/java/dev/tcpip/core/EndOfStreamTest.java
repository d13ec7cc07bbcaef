package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 5 and 6: no connection, and strict reads at end of stream. */
class EndOfStreamTest extends TestSupport {

    private static final List<Function<BaseClientOrServer, Future<?>>> EVERY_OPERATION = List.of(
        e -> e.read(1), e -> e.readExactly(1), e -> e.readUntil(Buffer.buffer("\n")), e -> e.readLine(),
        BaseClientOrServer::readStr, BaseClientOrServer::readJson, e -> e.write(Buffer.buffer("x")),
        e -> e.writeLines(List.of(Buffer.buffer("x"))), e -> e.writeStr("x"), e -> e.writeJson(new JsonObject()));

    private static void assertEveryOperationFailsNotConnected(BaseClientOrServer endpoint) throws Exception {
        for (Function<BaseClientOrServer, Future<?>> op : EVERY_OPERATION) {
            NotConnectedException e = awaitFailure(op.apply(endpoint), NotConnectedException.class);
            assertTrue(e.getMessage().contains("not connected"), e.getMessage());
        }
    }

    @Test
    void b05_everyReadAndWriteFailsNotConnectedWhenNotConnected() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        assertEveryOperationFailsNotConnected(server);
        deploy(server);
        assertEveryOperationFailsNotConnected(server);
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        await(client.writeStr("fine"));
        assertEquals("fine", await(server.readStr()));
        await(client.close());
        assertEveryOperationFailsNotConnected(client);
        await(server.close());
        assertEveryOperationFailsNotConnected(server);
    }

    @Test
    void b05_writeAfterThePeersEndOfStreamFailsNotConnected() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        peer.close();
        awaitCondition("end of stream seen", () -> server.streamReader().eofSeen());
        awaitFailure(server.writeStr("late"), NotConnectedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"readExactly", "readUntil", "readStr", "readJson"})
    void b06_strictReadsFailAtEndOfStreamWithThePartialDataAfterClosingAndCallingBack(String read) throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(Duration.ZERO), log.callback()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        Future<?> pending;
        switch (read) {
            case "readExactly": pending = server.readExactly(100); break;
            case "readUntil": pending = server.readUntil(Buffer.buffer("END")); break;
            case "readStr": pending = server.readStr(); break;
            default: pending = server.readJson(); break;
        }
        send(peer, "{\"partial\":");
        peer.shutdownOutput();
        IncompleteReadException e = awaitFailure(pending, IncompleteReadException.class);
        assertEquals("{\"partial\":", e.partial().toString());
        assertEquals(read.equals("readExactly") ? OptionalInt.of(100) : OptionalInt.empty(), e.expected());
        // Before failing, the read closed the connection and reported it.
        assertEquals(List.of(true, false), log.calls());
        assertFalse(server.connected());
        assertTrue(server.shouldBeConnected());
        assertEquals(-1, peer.getInputStream().read(), "the server closed its side");
        peer.close();
        assertFalse(server.doneFuture().isComplete());
    }

    @Test
    void b06_clientReadFailsAtEndOfStreamAndFiresCallbackButIsNotDone() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        ConnectLog log = new ConnectLog();
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())
            .setMonitorConnectionInterval(Duration.ZERO), log.callback()));
        await(server.connectedFuture());
        await(server.write(Buffer.buffer("abc")));
        await(server.closeClient());
        IncompleteReadException e = awaitFailure(client.readExactly(8), IncompleteReadException.class);
        assertEquals("abc", e.partial().toString());
        assertEquals(List.of(true, false), log.calls());
        assertFalse(client.doneFuture().isComplete());
        assertNull(client.remoteAddress());
    }

    @Test
    void b06_aResetPeerFailsTheReadWithTheResetAsCause() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        Future<Buffer> pending = server.readExactly(10);
        send(peer, "abc");
        awaitCondition("the server buffered the first bytes", () -> server.streamReader().available() == 3);
        peer.setSoLinger(true, 0);
        peer.close();
        IncompleteReadException e = awaitFailure(pending, IncompleteReadException.class);
        assertEquals("abc", e.partial().toString());
        assertTrue(e.getCause() == null || e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
    }
}
