package dev.tcpip.struct;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.struct.SampleStructs.Trivial;
import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.HostilePeer.Departure;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that vanish in the middle of a struct or a message: they close, reset (RST) or half-close. Each read
 * fails as docs/end-of-stream.md and docs/structs.md say: {@link IncompleteReadException} with the bytes that
 * did arrive and the count that was expected, its cause the socket error for a reset and null otherwise,
 * after the server has closed the connection and run its connect callback with {@code false}.
 */
class VanishingPeerTest extends OneClientServerTestBase {

    /** A message body of 16 bytes. */
    public static final class Move extends CStruct {
        public final Float64 azimuth = new Float64();
        public final Float64 elevation = new Float64();
    }

    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Move.class, Move::new)
        .build();

    private static byte[] bytes(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    /** The server, a raw peer it has admitted (its connect callback has seen {@code true}). */
    private HostilePeer admittedPeer(OneClientServer server) throws Exception {
        HostilePeer peer = HostilePeer.connect(server.port());
        assertNextConnected(true);
        return peer;
    }

    /** Waits until the server holds exactly {@code n} unread bytes: they are past the kernel, in its reader. */
    private void awaitBuffered(OneClientServer server, int n) {
        awaitCondition(n + " bytes buffered by the server", () -> {
            try {
                return await(Buffered.bytes(server)) == n;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /**
     * Checks what every departure must give: the documented exception with the partial bytes, the cause,
     * the callback (already run when the read failed), and a connection that is closed on this side.
     */
    private void assertDocumentedEnd(OneClientServer server, HostilePeer peer, Departure how, Future<?> read,
                                     AtomicInteger callbacksWhenReadFailed, byte[] partial, int expected)
        throws Exception {
        IncompleteReadException e = awaitFailure(read, IncompleteReadException.class);
        assertArrayEquals(partial, e.partial().getBytes(), "the bytes that arrived");
        assertEquals(expected, e.expected().getAsInt(), "the bytes the read needed");
        if (how == Departure.RESET) {
            assertInstanceOf(IOException.class, e.getCause(), "a reset's cause is the socket error");
            assertTrue(String.valueOf(e.getCause().getMessage()).toLowerCase().contains("reset"),
                "the cause says it was a reset: " + e.getCause());
        } else {
            assertNull(e.getCause(), "a clean end of stream has no cause");
        }
        assertEquals(1, callbacksWhenReadFailed.get(), "the connect callback ran before the read failed");
        assertNextConnected(false);
        assertFalse(server.connected());
        awaitFailure(Structs.readInto(server, new Trivial()), NotConnectedException.class);
        awaitFailure(Structs.writeFrom(server, new Trivial()), NotConnectedException.class);
        if (how == Departure.HALF_CLOSE) {
            // The half-closed peer can still read: it sees the server close its side, not a hang.
            assertEquals(0, peer.receiveUntilClosed().length, "end of stream for the peer");
        }
        peer.close();
    }

    /** Counts the connect callbacks seen so far, when {@code read} completes. */
    private AtomicInteger callbacksWhen(Future<?> read) {
        AtomicInteger seen = new AtomicInteger(-1);
        read.onComplete(ar -> seen.set(serverConnectStates().size()));
        return seen;
    }

    @ParameterizedTest
    @EnumSource(Departure.class)
    void aPeerLeavingMidStructFailsReadIntoWithThePartialBytesAfterTheCallback(Departure how) throws Exception {
        OneClientServer server = createServer();
        HostilePeer peer = admittedPeer(server);
        Future<Trivial> read = Structs.readInto(server, new Trivial());
        AtomicInteger callbacks = callbacksWhen(read);
        byte[] sent = bytes(5, 1);
        peer.send(sent);
        awaitBuffered(server, 5);
        peer.leave(how);
        assertDocumentedEnd(server, peer, how, read, callbacks, sent, 32);
    }

    @ParameterizedTest
    @EnumSource(Departure.class)
    void aPeerLeavingMidHeaderFailsReadMessageWithThePartialHeaderAfterTheCallback(Departure how) throws Exception {
        OneClientServer server = createServer();
        HostilePeer peer = admittedPeer(server);
        Future<?> read = PROTOCOL.channel(server).readMessage();
        AtomicInteger callbacks = callbacksWhen(read);
        StandardHeader h = new StandardHeader();
        h.stamp(1, 1, Instant.EPOCH, 16);
        byte[] partial = Arrays.copyOf(Structs.encode(h).getBytes(), 7);
        peer.send(partial);
        awaitBuffered(server, 7);
        peer.leave(how);
        assertDocumentedEnd(server, peer, how, read, callbacks, partial, StandardHeader.SIZE);
    }

    @ParameterizedTest
    @EnumSource(Departure.class)
    void aPeerLeavingMidBodyFailsReadMessageWithThePartialBodyAfterTheCallback(Departure how) throws Exception {
        OneClientServer server = createServer();
        HostilePeer peer = admittedPeer(server);
        Future<?> read = PROTOCOL.channel(server).readMessage();
        AtomicInteger callbacks = callbacksWhen(read);
        StandardHeader h = new StandardHeader();
        h.stamp(1, 1, Instant.EPOCH, 16);
        peer.send(Structs.encode(h).getBytes());
        awaitBuffered(server, StandardHeader.SIZE);
        byte[] body = bytes(5, 40);
        peer.send(body);
        awaitBuffered(server, StandardHeader.SIZE + 5);   // a message is taken whole: the header waits with the body's first bytes
        peer.leave(how);
        assertDocumentedEnd(server, peer, how, read, callbacks, body, 16);
    }
}
