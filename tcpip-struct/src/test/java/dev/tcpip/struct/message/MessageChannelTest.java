package dev.tcpip.struct.message;

import dev.tcpip.core.Client;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageChannelTest extends OneClientServerTestBase {

    public static final class Move extends CStruct {
        public final Float64 azimuth = new Float64();
        public final Float64 elevation = new Float64();
    }

    public static final class Stop extends CStruct {
        public final Bool now = new Bool();
    }

    public static final class Unregistered extends CStruct {
        public final Signed32 x = new Signed32();
    }

    static final Instant T0 = Instant.parse("2026-11-21T12:00:00.250Z");

    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Move.class, Move::new)
        .register(2, Stop.class, Stop::new)
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .build();

    /** A client connected to the server, once the server has admitted it: the server's reads find the connection. */
    private Client admittedClient(OneClientServer server) throws Exception {
        Client client = createClient(server);
        assertNextConnected(true);
        return client;
    }

    private static Move move(double az, double el) {
        Move m = new Move();
        m.azimuth.set(az);
        m.elevation.set(el);
        return m;
    }

    @Test
    void writeStampsTheHeaderAndReadReturnsTheTypedBody() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);

        await(out.writeMessage(move(10, 45)));
        await(out.writeMessage(new Stop()));
        Message<StandardHeader> first = await(in.readMessage());
        Message<StandardHeader> second = await(in.readMessage());

        assertEquals(1, first.id());
        assertEquals(1, first.header().sequence());
        assertEquals(16, first.header().bodySize());
        assertEquals(T0.getEpochSecond() + 0.25, first.header().timestamp.get());
        assertEquals(45.0, first.body(Move.class).elevation.get());
        assertEquals(2, second.id());
        assertEquals(2, second.header().sequence());
        assertTrue(second.body() instanceof Stop);
        assertThrows(ClassCastException.class, () -> second.body(Move.class));
    }

    @Test
    void pendingReadsKeepEachBodyWithItsHeader() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        List<Future<Message<StandardHeader>>> reads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reads.add(in.readMessage());
        }
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        for (int i = 0; i < 50; i++) {
            out.writeMessage(move(i, -i));
        }
        for (int i = 0; i < 50; i++) {
            Message<StandardHeader> m = await(reads.get(i));
            assertEquals(i + 1, m.header().sequence());
            assertEquals(i, m.body(Move.class).azimuth.get());
        }
    }

    @Test
    void unknownIdFailsAndTheBodyCanBeSkipped() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        StandardHeader h = new StandardHeader();
        h.stamp(99, 7, T0, 3);
        await(Structs.writeFrom(client, h));
        await(client.write(Buffer.buffer("abc")));
        await(PROTOCOL.channel(client).writeMessage(move(1, 2)));

        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        UnknownMessageException e = awaitFailure(in.readMessage(), UnknownMessageException.class);
        assertEquals(99, e.header().messageId());
        assertTrue(e.skippable());
        assertTrue(e.getMessage().contains("unknown message id 99"), e.getMessage());
        await(in.skipBody(e));
        assertEquals(2.0, await(in.readMessage()).body(Move.class).elevation.get());
    }

    @Test
    void idsAndSequencesOf2To31AndUpAreUnsignedEverywhere() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        StandardHeader h = new StandardHeader();
        h.stamp(0xFFFF_FFFFL, 0x8000_0000L, T0, 0);
        await(Structs.writeFrom(client, h));
        await(PROTOCOL.channel(client).writeMessage(move(1, 2)));

        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        UnknownMessageException e = awaitFailure(in.readMessage(), UnknownMessageException.class);
        assertEquals(4_294_967_295L, e.header().messageId());
        assertEquals(2_147_483_648L, e.header().sequence());
        assertTrue(e.getMessage().startsWith("unknown message id 4294967295 (sequence 2147483648,"), e.getMessage());
        assertTrue(e.header().toString().contains("messageId=4294967295"), e.header().toString());
        await(in.skipBody(e));
        assertEquals(1, await(in.readMessage()).id());
    }

    @Test
    void aProtocolRegistersIdsUpToTheLargestUnsigned32BitValue() {
        MessageProtocol<StandardHeader> wide = MessageProtocol.builder(StandardHeader::new)
            .register(0xFFFF_FFFFL, Move.class, Move::new)
            .build();
        assertTrue(wide.isRegistered(4_294_967_295L));
        assertEquals(4_294_967_295L, wide.idOf(Move.class));
        assertThrows(IllegalArgumentException.class,
            () -> MessageProtocol.builder(StandardHeader::new).register(-1, Move.class, Move::new));
    }

    @Test
    void impossibleSizeFailsAndCannotBeSkippedPastTheLimit() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        StandardHeader wrongSize = new StandardHeader();
        wrongSize.stamp(1, 1, T0, 20);
        await(Structs.writeFrom(client, wrongSize));
        await(client.write(Buffer.buffer(new byte[20])));
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        MessageSizeException e = awaitFailure(in.readMessage(), MessageSizeException.class);
        assertTrue(e.getMessage().contains("declares a body of 20 bytes, but its struct has 16"), e.getMessage());

        StandardHeader huge = new StandardHeader();
        huge.stamp(5, 2, T0, Integer.MAX_VALUE);
        await(in.skipBody(e));
        await(Structs.writeFrom(client, huge));
        // Above the limit the size decides, whatever the id (5 is not registered).
        MessageSizeException tooBig = awaitFailure(in.readMessage(), MessageSizeException.class);
        assertFalse(tooBig.skippable());
        assertTrue(tooBig.getMessage().contains("above the limit of 65536"), tooBig.getMessage());
        IllegalStateException refused = awaitFailure(in.skipBody(tooBig), IllegalStateException.class);
        assertTrue(refused.getMessage().contains("drop the connection"), refused.getMessage());
    }

    @Test
    void endOfStreamInsideTheBodyFailsWithThePartialBody() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        StandardHeader h = new StandardHeader();
        h.stamp(1, 1, T0, 16);
        await(Structs.writeFrom(client, h));
        await(client.write(Buffer.buffer(new byte[5])));
        await(client.close());
        IncompleteReadException e = awaitFailure(PROTOCOL.channel(server).readMessage(), IncompleteReadException.class);
        assertEquals(5, e.partial().length());
        assertEquals(16, e.expected().getAsInt());
    }

    @Test
    void writingAnUnregisteredBodyFails() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        IllegalArgumentException e = awaitFailure(PROTOCOL.channel(client).writeMessage(new Unregistered()),
            IllegalArgumentException.class);
        assertTrue(e.getMessage().contains("not a registered message body"), e.getMessage());
    }

    @Test
    void registeringTwiceIsRefused() {
        var b = MessageProtocol.builder(StandardHeader::new).register(1, Move.class, Move::new);
        assertThrows(IllegalArgumentException.class, () -> b.register(1, Stop.class, Stop::new));
        assertThrows(IllegalArgumentException.class, () -> b.register(2, Move.class, Move::new));
        assertThrows(IllegalArgumentException.class, () -> b.register(-1, Stop.class, Stop::new));
    }

    @Test
    void sequenceNumbersGoOutInOrderWhenSeveralThreadsWrite() throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        int threads = 4;
        int each = 100;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        out.writeMessage(move(thread, i));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> job : jobs) {
                job.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        int[] nextPerThread = new int[threads];
        for (long expected = 1; expected <= threads * each; expected++) {
            Message<StandardHeader> m = await(in.readMessage());
            assertEquals(expected, m.header().sequence());
            Move body = m.body(Move.class);
            int thread = (int) body.azimuth.get();
            // Each thread's own messages keep their order too.
            assertEquals(nextPerThread[thread]++, (int) body.elevation.get());
        }
    }

    @Test
    void writingWhenNotConnectedFailsWithoutSpendingASequenceNumber() throws Exception {
        OneClientServer server = createServer();
        MessageChannel<StandardHeader> out = PROTOCOL.channel(server);
        awaitFailure(out.writeMessage(move(1, 2)), dev.tcpip.core.NotConnectedException.class);
        assertEquals(0, await(server.onContext(() -> Future.succeededFuture(out.lastSequence()))));
    }

    @Test
    void resetSequenceStartsTheCountAgain() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        assertEquals(1L, await(out.writeMessage(move(1, 1))), "the future gives the stamped sequence");
        assertEquals(2L, await(out.writeMessage(move(2, 2))));
        await(out.resetSequence());
        assertEquals(1L, await(out.writeMessage(move(3, 3))));
        assertEquals(1, await(in.readMessage()).header().sequence());
        assertEquals(2, await(in.readMessage()).header().sequence());
        assertEquals(1, await(in.readMessage()).header().sequence());
    }

    @Test
    void reusedReadsFillTheSameStructsPerIdAndGiveTheSameValuesAsFreshReads() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        await(out.writeMessage(move(10, 45)));
        await(out.writeMessage(move(20, 50)));
        await(out.writeMessage(new Stop()));
        await(out.writeMessage(move(30, 55)));

        Message<StandardHeader> first = await(in.readReusedMessage());
        assertEquals(1, first.id());
        assertEquals(1, first.header().sequence());
        assertEquals(45.0, first.body(Move.class).elevation.get());
        Move firstBody = first.body(Move.class);
        StandardHeader header = first.header();

        Message<StandardHeader> second = await(in.readReusedMessage());
        assertTrue(second == first, "the same message object for the same id");
        assertEquals(2, second.header().sequence());
        assertEquals(20.0, firstBody.azimuth.get(), "the first message's body was filled again");

        Message<StandardHeader> stop = await(in.readReusedMessage());
        assertEquals(2, stop.id());
        assertTrue(stop.header() == header, "one header for every id");
        assertTrue(stop.body() instanceof Stop);

        Message<StandardHeader> fourth = await(in.readReusedMessage());
        assertTrue(fourth.body() == firstBody, "id 1's body again");
        assertEquals(4, fourth.header().sequence());
        assertEquals(16, fourth.header().bodySize());
        assertEquals(T0.getEpochSecond() + 0.25, fourth.header().timestamp.get());
        assertEquals(30.0, firstBody.azimuth.get());
        assertEquals(55.0, firstBody.elevation.get());
    }

    @Test
    void aReusedReadsErrorCarriesAHeaderOfItsOwnAndReadingGoesOn() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        StandardHeader h = new StandardHeader();
        h.stamp(99, 7, T0, 3);
        await(Structs.writeFrom(client, h));
        await(client.write(Buffer.buffer("abc")));
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        await(out.writeMessage(move(1, 2)));
        await(out.writeMessage(move(3, 4)));

        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        UnknownMessageException e = awaitFailure(in.readReusedMessage(), UnknownMessageException.class);
        await(in.skipBody(e));
        Message<StandardHeader> next = await(in.readReusedMessage());
        assertEquals(2.0, next.body(Move.class).elevation.get());
        assertEquals(4.0, await(in.readReusedMessage()).body(Move.class).elevation.get());
        assertTrue(e.header() != next.header(), "the error's header is not the reused one");
        assertEquals(99, e.header().messageId(), "and the messages read since have not changed it");
        assertEquals(7, e.header().sequence());
    }

    @Test
    void reusedAndFreshReadsMixOnOneChannelInOrder() throws Exception {
        OneClientServer server = createServer();
        Client client = admittedClient(server);
        MessageChannel<StandardHeader> out = PROTOCOL.channel(client);
        for (int i = 1; i <= 4; i++) {
            await(out.writeMessage(move(i, 0)));
        }
        MessageChannel<StandardHeader> in = PROTOCOL.channel(server);
        Future<Message<StandardHeader>> a = in.readMessage();
        Future<Message<StandardHeader>> b = in.readReusedMessage();
        Future<Message<StandardHeader>> c = in.readMessage();
        assertEquals(1.0, await(a).body(Move.class).azimuth.get());
        assertEquals(2.0, await(b).body(Move.class).azimuth.get());
        assertEquals(3.0, await(c).body(Move.class).azimuth.get());
        Message<StandardHeader> d = await(in.readReusedMessage());
        assertEquals(4.0, d.body(Move.class).azimuth.get());
        assertTrue(d == await(b), "the reused message, filled again");
        assertEquals(1.0, await(a).body(Move.class).azimuth.get(), "a fresh message keeps its own values");
        assertEquals(3.0, await(c).body(Move.class).azimuth.get());
    }
}
