package dev.tcpip.struct.message;

import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.struct.Buffered;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.OneClientServerTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message sizes are bounded by {@link MessageProtocol#maxBodySize()}, never by what a header declares: a
 * header declaring more fails {@link MessageChannel#readMessage()} with {@link MessageSizeException} as soon as
 * the header has arrived, without waiting for or allocating the body, and what the peer sends next is
 * buffered only up to the read-ahead; a wrong size within the limit can be skipped and reading goes on.
 */
class MessageSizeLimitTest extends OneClientServerTestBase {

    /** 16 bytes. */
    public static final class Move extends CStruct {
        public final Float64 azimuth = new Float64();
        public final Float64 elevation = new Float64();
    }

    static final int LIMIT = 1024;

    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Move.class, Move::new)
        .maxBodySize(LIMIT)
        .build();

    private static byte[] header(long id, long sequence, long bodySize) {
        StandardHeader h = new StandardHeader();
        h.messageId.set(id);
        h.sequence.set(sequence);
        h.timestamp.set(1.5);
        h.bodySize.set(bodySize);
        return Structs.encode(h).getBytes();
    }

    private static byte[] move(long sequence, double azimuth) {
        Move m = new Move();
        m.azimuth.set(azimuth);
        StandardHeader h = new StandardHeader();
        h.stamp(1, sequence, Instant.EPOCH, 16);
        return Structs.encode(h, m).getBytes();
    }

    /**
     * Declared sizes above the limit of 1024: one byte over, 2 GiB (negative as a Java int), and 0xFFFFFFFF
     * (-1 as a Java int); for a registered id (1) and an unknown one (77). The peer sends the header only and
     * keeps the connection open, so a read that waited for the body would never complete.
     */
    @ParameterizedTest(name = "id {0}, declared size {1}")
    @CsvSource({"1, 1025", "1, 2147483648", "1, 4294967295", "77, 1025", "77, 2147483648", "77, 4294967295"})
    void aDeclaredBodyAboveTheLimitFailsWithMessageSizeExceptionOnceTheHeaderHasArrived(long id, long declared)
        throws Exception {
        OneClientServer server = createServer();
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            assertNextConnected(true);
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            peer.send(header(id, 9, declared));
            MessageSizeException e = awaitFailure(channel.readMessage(), MessageSizeException.class);
            assertEquals(declared, e.header().bodySize());
            assertEquals(id, e.header().messageId());
            assertFalse(e.skippable(), "above the limit the body cannot be skipped");
            assertTrue(e.getMessage().contains("declares a body of " + declared + " bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("drop the connection"), e.getMessage());
            assertEquals(0, await(Buffered.bytes(server)), "nothing past the header was read");
            IllegalStateException refused = awaitFailure(channel.skipBody(e), IllegalStateException.class);
            assertTrue(refused.getMessage().contains("cannot skip"), refused.getMessage());
            assertTrue(server.connected(), "the caller decides to drop the client, not the channel");
        }
    }

    /**
     * After a header declaring 2 GiB, the peer goes on sending as fast as TCP lets it: the server buffers no
     * more than its read-ahead (64 KiB, plus one network chunk), not the declared size nor what was sent.
     */
    @Test
    void aHugeDeclaredBodyNeverMakesTheServerBufferMoreThanItsReadAhead() throws Exception {
        OneClientServer server = createServer();
        try (SocketChannel flood = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            assertNextConnected(true);
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            flood.write(ByteBuffer.wrap(header(1, 1, 0x8000_0000L)));
            MessageSizeException e = awaitFailure(channel.readMessage(), MessageSizeException.class);
            assertFalse(e.skippable());

            long sent = HostilePeer.floodUntilStalled(flood, new byte[64 * 1024], Duration.ofMillis(300),
                Duration.ofSeconds(10));
            int buffered = await(Buffered.bytes(server));
            assertTrue(sent > 4L * StreamReader.READ_AHEAD, "the peer sent " + sent + " bytes");
            assertTrue(buffered <= 2 * StreamReader.READ_AHEAD,
                "the server buffers " + buffered + " of the " + sent + " bytes sent after the header");
        }
    }

    @Test
    void aWrongSizeWithinTheLimitIsSkippedAndReadingGoesOn() throws Exception {
        OneClientServer server = createServer();
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            assertNextConnected(true);
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            // A registered id with a wrong size, exactly the limit: skippable.
            peer.send(header(1, 1, LIMIT)).send(new byte[LIMIT]);
            // An unknown id with a size within the limit: skippable.
            peer.send(header(77, 2, 5)).send(new byte[] {1, 2, 3, 4, 5});
            // An unknown id with no body at all.
            peer.send(header(78, 3, 0));
            peer.send(move(4, 42.5));

            MessageSizeException wrong = awaitFailure(channel.readMessage(), MessageSizeException.class);
            assertTrue(wrong.skippable());
            assertTrue(wrong.getMessage().contains("declares a body of 1024 bytes, but its struct has 16"),
                wrong.getMessage());
            await(channel.skipBody(wrong));
            UnknownMessageException unknown = awaitFailure(channel.readMessage(), UnknownMessageException.class);
            assertTrue(unknown.skippable());
            await(channel.skipBody(unknown));
            UnknownMessageException empty = awaitFailure(channel.readMessage(), UnknownMessageException.class);
            assertTrue(empty.skippable());
            await(channel.skipBody(empty));
            Message<StandardHeader> next = await(channel.readMessage());
            assertEquals(4, next.header().sequence());
            assertEquals(42.5, next.body(Move.class).azimuth.get());
        }
    }

    @Test
    void theDefaultLimitIs64KiBOrTheLargestBody() {
        MessageProtocol<StandardHeader> defaults = MessageProtocol.builder(StandardHeader::new)
            .register(1, Move.class, Move::new).build();
        assertEquals(64 * 1024, defaults.maxBodySize());
    }
}
