package dev.tcpip.docs;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/end-of-stream.md. */
@ExtendWith(VertxExtension.class)
class EndOfStreamTest {
    private static final Logger log = LoggerFactory.getLogger(EndOfStreamTest.class);

    /** A server whose connect callback puts each new connected() value in a queue. */
    static OneClientServer deploy(Vertx vertx, ServerOptions options, BlockingQueue<Boolean> states) throws Exception {
        OneClientServer server = new OneClientServer(options, ConnectCallback.of(s -> states.add(s.connected())));
        await(vertx.deployVerticle(server));
        return server;
    }

    static ServerOptions monitorOff() {
        return new ServerOptions().setMonitorConnectionInterval(Duration.ZERO);
    }

    @Test
    void readStrAtEndOfStreamFailsWithThePartialLine(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, "STATUS 1\r\nSTAT");
        }
        assertEquals("STATUS 1", await(server.readStr()), "what was sent before the end is read first");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        // tag::eof-handling[]
        Future<String> line = server.readStr()
            .onFailure(err -> {
                if (err instanceof IncompleteReadException) {       // the peer closed mid-line
                    IncompleteReadException eof = (IncompleteReadException) err;
                    log.info("connection lost; {} bytes of an unfinished line: {}",
                        eof.partial().length(), eof.partial());
                    // the connection is already closed and the connect callback has run
                }
            });
        // end::eof-handling[]
        line.onFailure(err -> seen.add("callback had run: " + states.contains(false)));
        IncompleteReadException e = awaitFailure(line, IncompleteReadException.class);
        assertEquals("STAT", e.partial().toString());
        assertEquals(OptionalInt.empty(), e.expected());
        assertNull(e.getCause(), "a clean end of stream has no cause");
        assertEquals("callback had run: true", awaitNext(seen));
        assertFalse(server.connected());
        assertTrue(server.shouldBeConnected(), "the peer left; this end did not close");
        awaitFailure(server.readStr(), NotConnectedException.class);
    }

    @Test
    void readExactlyCarriesThePartialBytesAndTheExpectedSize(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);
        Future<Buffer> read;
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            read = server.readExactly(8);
            send(peer, "abc");
        }
        IncompleteReadException e = awaitFailure(read, IncompleteReadException.class);
        assertEquals("abc", e.partial().toString());
        assertEquals(OptionalInt.of(8), e.expected());
        assertEquals(false, awaitNext(states));
    }

    @Test
    void readAndReadLineReturnWhatIsLeftAtEndOfStream(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, monitorOff(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, "no newline");
        }
        assertEquals("no newline", await(server.readLine()).toString());
        assertEquals(0, await(server.readLine()).length());
        assertEquals(0, await(server.read(100)).length());
        assertEquals(0, await(server.read(100)).length(), "again: read(n) does not close");
        assertFalse(server.connected());
        assertNull(states.peek(), "read(n) and readLine() at end of stream fire no callback");
        awaitFailure(server.writeStr("anyone?"), NotConnectedException.class);
        IncompleteReadException e = awaitFailure(server.readExactly(1), IncompleteReadException.class);
        assertEquals(0, e.partial().length());
        assertEquals(false, awaitNext(states), "readExactly at end of stream closes and fires the callback");
        awaitFailure(server.read(100), NotConnectedException.class);
    }

    @Test
    void withTheMonitorOnAnIdleDropIsSeenAtOnce(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);   // monitor on: the default
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
        }
        assertEquals(false, awaitNext(states));
        assertFalse(server.connected());
        awaitFailure(server.read(100), NotConnectedException.class);
    }

    @Test
    void aReadWaitingAtEndOfStreamStillCompletesWithTheMonitorOn(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);
        Future<Buffer> read;
        Future<Buffer> line;
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, "partial");
            read = server.read(3);
            line = server.readLine();
        }
        assertEquals("par", await(read).toString());
        assertEquals("tial", await(line).toString());
        assertEquals(false, awaitNext(states));
        awaitFailure(server.read(1), NotConnectedException.class);
    }

    @Test
    void aConnectionResetEndsTheStreamToo(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);
        Future<String> read;
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, "half a li");
            assertEquals("half", await(server.read(4)).toString());   // the bytes have arrived
            read = server.readStr();
            peer.setSoLinger(true, 0);                                  // close with RST instead of FIN
        }
        IncompleteReadException e = awaitFailure(read, IncompleteReadException.class);
        assertEquals(" a li", e.partial().toString());
        assertInstanceOf(IOException.class, e.getCause(), "the socket error");
        assertEquals(false, awaitNext(states));
    }

    @Test
    void writingToAPeerThatLeftFailsOnceTheEndIsSeen(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
        }
        assertEquals(false, awaitNext(states));
        NotConnectedException e = awaitFailure(server.writeStr("hello?"), NotConnectedException.class);
        assertInstanceOf(NotConnectedException.class, e);
    }
}
