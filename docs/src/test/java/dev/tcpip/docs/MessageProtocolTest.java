package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.MessageHeader;
import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.MessageSizeException;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.struct.message.UnknownMessageException;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message protocol examples and claims of docs/structs.md (Java 17). */
@ExtendWith(VertxExtension.class)
class MessageProtocolTest {

    // tag::message-protocol[]
    /** Command 1: go to a position. */
    public static final class Move extends CStruct {
        public final Float64 azimuth = new Float64();           // deg
        public final Float64 elevation = new Float64();         // deg
    }

    /** Command 2: stop. */
    public static final class Stop extends CStruct {
        public final Bool brake = new Bool();
    }

    /** Reply 100: the sequence number of the command it answers, and 0 (done) or an error code. */
    public static final class Ack extends CStruct {
        public final Unsigned32 command = new Unsigned32();
        public final Signed32 code = new Signed32();
    }

    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Move.class, Move::new)
        .register(2, Stop.class, Stop::new)
        .register(100, Ack.class, Ack::new)
        .build();
    // end::message-protocol[]

    // tag::message-server[]
    /** A mock mount controller that speaks PROTOCOL: each command gets an Ack. */
    static final class MockMountController extends OneClientReadLoopServer {
        private final MessageChannel<StandardHeader> channel = PROTOCOL.channel(this);

        MockMountController(ServerOptions options) {
            super(options);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return channel.readMessage()
                .compose(msg -> channel.writeMessage(ack(msg.header(), execute(msg.body()))))
                .recover(err -> err instanceof MessageException refused && refused.skippable()
                    ? channel.skipBody(refused)                              // unknown id or wrong size:
                        .compose(v -> channel.writeMessage(ack(refused.header(), -1)))  // answer, go on
                    : Future.failedFuture(err))                              // anything else drops the client
                .mapEmpty();
        }

        private static int execute(Struct body) {
            if (body instanceof Move move) {
                double el = move.elevation.get();
                return el >= 0 && el <= 90 ? 0 : 1;                  // 1: out of range
            }
            if (body instanceof Stop) {
                return 0;
            }
            return 2;                                                // 2: not a command (an Ack)
        }

        static Ack ack(MessageHeader command, int code) {
            Ack ack = new Ack();
            ack.command.set(command.sequence());
            ack.code.set(code);
            return ack;
        }
    }
    // end::message-server[]

    static Move move(double azimuth, double elevation) {
        Move m = new Move();
        m.azimuth.set(azimuth);
        m.elevation.set(elevation);
        return m;
    }

    /** A raw header, as a buggy or newer peer might send it. */
    static byte[] header(int id, long sequence, int bodySize) {
        StandardHeader h = new StandardHeader();
        h.stamp(id, sequence, Instant.EPOCH, bodySize);
        return Structs.encode(h).getBytes();
    }

    /** Reads an Ack (header and body) from a raw socket: {sequence answered, code}. */
    static long[] receiveAck(Socket peer) throws IOException {
        StandardHeader h = Structs.decode(Buffer.buffer(RawSockets.receive(peer, StandardHeader.SIZE)), 0, new StandardHeader());
        assertEquals(100, h.messageId());
        Ack ack = Structs.decode(Buffer.buffer(RawSockets.receive(peer, (int) h.bodySize())), 0, new Ack());
        return new long[] {ack.command.get(), ack.code.get()};
    }

    static MockMountController deployMount(Vertx vertx) throws Exception {
        MockMountController mount = new MockMountController(new ServerOptions().setName("mount"));
        await(vertx.deployVerticle(mount));
        return mount;
    }

    @Test
    void theClientSendsACommandAndReadsTheAck(Vertx vertx) throws Exception {
        MockMountController mount = deployMount(vertx);
        Client client = new Client(new ClientOptions().setPort(mount.port()));
        await(vertx.deployVerticle(client));
        // tag::message-client[]
        MessageChannel<StandardHeader> channel = PROTOCOL.channel(client);   // one per endpoint: keep it
        Move move = new Move();
        move.azimuth.set(120.5);
        move.elevation.set(45.0);
        Future<Ack> ack = channel.writeMessage(move)        // header: id 1, sequence 1, now, body size 16
            .compose(v -> channel.readMessage())
            .map(reply -> reply.body(Ack.class));           // ClassCastException if it is not an Ack
        // end::message-client[]
        Ack a = await(ack);
        assertEquals(1, a.command.get());
        assertEquals(0, a.code.get());

        await(channel.writeMessage(move(0, 95)));
        Message<StandardHeader> outOfRange = await(channel.readMessage());
        assertEquals(100, outOfRange.id());
        assertEquals(2, outOfRange.body(Ack.class).command.get());
        assertEquals(1, outOfRange.body(Ack.class).code.get());
        assertThrows(ClassCastException.class, () -> outOfRange.body(Move.class));

        await(channel.writeMessage(new Stop()));
        assertEquals(0, await(channel.readMessage()).body(Ack.class).code.get());
        await(channel.writeMessage(new Ack()));
        assertEquals(2, await(channel.readMessage()).body(Ack.class).code.get(), "an Ack is not a command");
    }

    @Test
    void writeMessageStampsTheHeader(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            double before = System.currentTimeMillis() / 1000.0;
            List<Future<Long>> writes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                writes.add(channel.writeMessage(move(i, 10)));   // not waiting: still in order
            }
            await(Future.all(writes));
            double after = System.currentTimeMillis() / 1000.0;
            for (int i = 0; i < 5; i++) {
                StandardHeader h = Structs.decode(Buffer.buffer(RawSockets.receive(peer, 20)), 0, new StandardHeader());
                Move m = Structs.decode(Buffer.buffer(RawSockets.receive(peer, 16)), 0, new Move());
                assertEquals(1, h.messageId());
                assertEquals(i + 1, h.sequence());
                assertEquals(16, h.bodySize());
                double t = h.timestamp.get();
                assertTrue(t >= before - 0.001 && t <= after + 0.001, t + " not in [" + before + ", " + after + "]");
                assertEquals(i, m.azimuth.get());
            }
        }
    }

    @Test
    void anUnknownIdOrAWrongSizeIsSkippedAndAnswered(Vertx vertx) throws Exception {
        MockMountController mount = deployMount(vertx);
        try (Socket peer = RawSockets.rawConnect(mount.port())) {
            send(peer, header(99, 7, 3));
            send(peer, "abc".getBytes());
            send(peer, header(1, 8, 20));                     // a Move is 16 bytes
            send(peer, new byte[20]);
            send(peer, header(1, 9, 16));
            send(peer, Structs.encode(move(1, 2)).getBytes());
            assertEquals("7 -1", ackText(receiveAck(peer)));
            assertEquals("8 -1", ackText(receiveAck(peer)));
            assertEquals("9 0", ackText(receiveAck(peer)));
        }
    }

    private static String ackText(long[] ack) {
        return ack[0] + " " + ack[1];
    }

    @Test
    void anImpossibleSizeDropsTheClient(Vertx vertx) throws Exception {
        MockMountController mount = deployMount(vertx);
        try (Socket peer = RawSockets.rawConnect(mount.port())) {
            send(peer, header(1, 1, 1 << 30));                // 1 GiB: above maxBodySize
            assertEquals(-1, peer.getInputStream().read(), "dropped");
        }
        try (Socket next = RawSockets.rawConnect(mount.port())) {
            send(next, header(2, 1, 1));
            send(next, new byte[] {1});
            assertEquals("1 0", ackText(receiveAck(next)), "the next client is served");
        }
    }

    @Test
    void refusedReadsSayWhetherTheBodyCanBeSkipped(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            send(peer, header(99, 1, 3));
            send(peer, "abc".getBytes());
            UnknownMessageException unknown = awaitFailure(channel.readMessage(), UnknownMessageException.class);
            assertTrue(unknown.skippable());
            assertEquals(99, unknown.header().messageId());
            assertTrue(unknown.getMessage().contains("unknown message id 99 (sequence 1, declared body size 3)"),
                unknown.getMessage());
            await(channel.skipBody(unknown));

            send(peer, header(1, 2, 1 << 30));
            MessageSizeException size = awaitFailure(channel.readMessage(), MessageSizeException.class);
            assertFalse(size.skippable());
            assertTrue(size.getMessage().contains("declares a body of 1073741824 bytes, but its struct has 16"),
                size.getMessage());
            IllegalStateException e = awaitFailure(channel.skipBody(size), IllegalStateException.class);
            assertTrue(e.getMessage().contains("drop the connection"), e.getMessage());
        }
        assertEquals(64 * 1024, PROTOCOL.maxBodySize());
        assertEquals(MessageProtocol.DEFAULT_MAX_BODY_SIZE, PROTOCOL.maxBodySize());
    }

    @Test
    void aFailedWriteUsesNoNumberAndAServersNumbersCarryOnAcrossClients(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
        awaitFailure(channel.writeMessage(new Stop()), NotConnectedException.class);
        for (int client = 0; client < 2; client++) {
            try (Socket peer = RawSockets.rawConnect(server.port())) {
                Await.awaitCondition("the server has the client", server::connected);
                await(channel.writeMessage(new Stop()));
                StandardHeader h = Structs.decode(Buffer.buffer(RawSockets.receive(peer, 20)), 0, new StandardHeader());
                assertEquals(client + 1, h.sequence(), "1 for the first client, 2 for the second");
            }
            Await.awaitCondition("the client is gone", () -> !server.connected());
        }
    }

    /** A header with only an id: the body's size follows from the id. */
    public static final class IdOnlyHeader extends CStruct implements MessageHeader {
        public final Unsigned16 id = new Unsigned16();

        @Override
        public long messageId() {
            return id.get();
        }

        @Override
        public long bodySize() {
            return -1;
        }

        @Override
        public long sequence() {
            return 0;
        }

        @Override
        public void stamp(long messageId, long sequence, Instant timestamp, int bodySize) {
            id.set((int) messageId);                       // a registered id: 0 to 65535 here
        }
    }

    @Test
    void aHeaderWithoutASizeField(Vertx vertx) throws Exception {
        MessageProtocol<IdOnlyHeader> idOnly = MessageProtocol.builder(IdOnlyHeader::new)
            .register(1, Move.class, Move::new)
            .build();
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        Client client = new Client(new ClientOptions().setPort(server.port()));
        await(vertx.deployVerticle(client));
        await(server.connectedFuture());
        await(idOnly.channel(client).writeMessage(move(7, 8)));
        Buffer wire = await(server.readExactly(2 + 16));
        assertEquals("0100", HexFormat.of().formatHex(wire.getBytes(0, 2)), "a 2-byte header: id 1");
        assertEquals(7.0, Structs.decode(wire, 2, new Move()).azimuth.get());

        MessageChannel<IdOnlyHeader> in = idOnly.channel(server);
        await(client.write(wire));
        assertEquals(8.0, await(in.readMessage()).body(Move.class).elevation.get());
        await(client.write(Buffer.buffer(new byte[] {9, 0})));
        UnknownMessageException e = awaitFailure(in.readMessage(), UnknownMessageException.class);
        assertFalse(e.skippable(), "no size: the body cannot be skipped");
    }

    @Test
    void writingAnUnregisteredBodyFails(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            IllegalArgumentException e = awaitFailure(PROTOCOL.channel(server).writeMessage(new StructsTest.Axis()),
                IllegalArgumentException.class);
            assertTrue(e.getMessage().contains("not a registered message body"), e.getMessage());
        }
    }
}
