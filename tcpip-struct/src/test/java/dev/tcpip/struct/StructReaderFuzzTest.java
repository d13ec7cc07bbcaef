package dev.tcpip.struct;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.struct.SampleStructs.Aligned;
import dev.tcpip.struct.SampleStructs.Network;
import dev.tcpip.struct.SampleStructs.Trivial;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.MessageSizeException;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.struct.message.UnknownMessageException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;

/**
 * Fuzzing of the struct readers through a real loopback connection: {@link Structs#readInto} and
 * {@link MessageChannel#readMessage()} on a {@link OneClientServer}, fed by a {@link Client} that writes a
 * random sequence of structs (the sample structs with random field values, or random bytes of their size),
 * messages (random header fields, a registered body) and garbage headers (unknown ids, sizes that do not
 * match the registered body, sizes past {@code maxBodySize}), cut at random points into raw writes, the
 * stream possibly ending inside the last item.
 *
 * <p>Checked, item by item: each struct and message reads back byte for byte (header and body) and field by
 * field; a garbage header fails with exactly the documented {@link MessageException} subtype, carrying that
 * header, skippable exactly when its declared size is within {@code maxBodySize}; a skippable body is skipped
 * with {@link MessageChannel#skipBody} and reading goes on with the next item; an unskippable one cannot be
 * skipped ({@link IllegalStateException}) and the try ends there; a stream that ends inside an item fails the
 * read with {@link IncompleteReadException} carrying exactly the bytes of that struct (header or body) that
 * arrived and its size, and the server drops the connection (when the stream ends exactly before an item and
 * the end of stream arrives before its read is asked, the connection is already dropped and the read fails
 * with {@link NotConnectedException}, as documented for reads without a connection).
 *
 * <p>One server serves every try; the client is replaced after a try that ends the connection (or failed
 * midway). Budget: 300 tries, about 5 s on a 2-core machine.
 */
@AddLifecycleHook(ReproducibleFuzz.class)
class StructReaderFuzzTest {
    private static final int MAX_BODY = 64;
    private static final int HEADER = StandardHeader.SIZE;
    private static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Trivial.class, Trivial::new)
        .register(2, Aligned.class, Aligned::new)
        .register(3, Network.class, Network::new)
        .maxBodySize(MAX_BODY)
        .build();
    private static final List<Class<? extends CStruct>> TYPES = List.of(Trivial.class, Aligned.class, Network.class);

    private static Vertx vertx;
    private static OneClientServer server;
    private static Client client;
    private static String clientDeployment;
    /** The connection cannot serve the next try: it was ended, or a try failed midway. */
    private static boolean reconnect;

    @BeforeContainer
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        server = new OneClientServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        await(vertx.deployVerticle(server));
        connectClient();
    }

    private static void connectClient() throws Exception {
        client = new Client(new ClientOptions().setHost("127.0.0.1").setPort(server.port()));
        clientDeployment = await(vertx.deployVerticle(client));
        await(server.connectedFuture());
    }

    @AfterContainer
    static void close() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    // ------------------------------------------------------------------------------------------ the property

    /**
     * Each struct and message reads back equal to what was sent (bytes and fields); each garbage header
     * fails with its documented MessageException subtype and skippability, and reading goes on after a skipped
     * body; a stream ending inside an item gives IncompleteReadException with exactly the bytes that arrived.
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyStructAndMessageReadsBackAsSentOrFailsWithItsDocumentedError(@ForAll("sessions") Session s)
            throws Exception {
        if (reconnect) {
            await(vertx.undeploy(clientDeployment));
            await(server.closeClient());
            connectClient();
        }
        reconnect = true;
        MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
        byte[] stream = s.stream();
        int at = 0;
        int slice = 0;
        Future<Void> last = Future.succeededFuture();
        while (at < stream.length) {
            int size = Math.min(s.slices.get(slice % s.slices.size()), stream.length - at);
            last = client.write(Buffer.buffer(Arrays.copyOfRange(stream, at, at + size)));
            if (s.pauses.get(slice % s.pauses.size())) {
                await(last);   // lets the bytes so far travel alone
            }
            at += size;
            slice++;
        }
        await(last);
        if (s.cut.isPresent()) {
            await(client.close());   // the stream ends inside the last item
        }

        List<Item> items = s.items();
        int i = 0;
        while (i < items.size()) {
            Item item = items.get(i);
            Statistics.label("items").collect(item.kind());
            if (s.pipelined && item.pipelinable()) {
                // Several reads asked at once: they must be served in order, each body after its own header.
                int j = i;
                List<Future<?>> reads = new ArrayList<>();
                while (j < items.size() && items.get(j).getClass() == item.getClass()) {
                    reads.add(items.get(j).read(channel));
                    j++;
                }
                for (int k = i; k < j; k++) {
                    items.get(k).check(k, reads.get(k - i), channel, streamEndsAfter(s, items, k));
                }
                i = j;
            } else {
                boolean goOn = item.check(i, item.read(channel), channel, streamEndsAfter(s, items, i));
                if (!goOn) {
                    assertThat(i == items.size() - 1, "reading stopped at item " + i + " of " + items.size());
                }
                i++;
            }
        }
        if (s.cut.isPresent()) {
            // The incomplete read completes after the endpoint has dropped the connection.
            assertThat(!server.connected(), "the server still reports connected after an incomplete read");
        } else if (!(items.get(items.size() - 1) instanceof Garbage g && !g.skippable())) {
            assertThat(server.connected(), "the server is not connected after reading every item");
            reconnect = false;   // a clean end: the next try reuses this connection
        }
    }

    /** Whether the stream ends right after item {@code index}: it is the last, or the next was cut at 0. */
    private static boolean streamEndsAfter(Session s, List<Item> items, int index) {
        if (s.cut.isEmpty()) {
            return false;
        }
        if (index == items.size() - 1) {
            return true;
        }
        Item last = items.get(items.size() - 1);
        int arrived = last instanceof Raw r ? r.arrived : ((Msg) last).arrived;
        return index == items.size() - 2 && arrived == 0;
    }

    // ------------------------------------------------------------------------------------------ items

    /** One thing on the wire; {@code bytes} is what is sent for it in full. */
    sealed interface Item permits Raw, Msg, Garbage {
        byte[] bytes();

        String kind();

        /** Whether consecutive items of this kind may be read with several reads pending. */
        default boolean pipelinable() {
            return false;
        }

        /** Asks for this item's read (on the server). */
        Future<?> read(MessageChannel<StandardHeader> channel);

        /**
         * Checks the read's outcome against what was sent, whole or (the last item) cut after {@code arrived}.
         * {@code streamEndsNext}: the stream ends right after this item, before any byte of the next.
         *
         * @return whether reading may go on after this item
         */
        boolean check(int index, Future<?> read, MessageChannel<StandardHeader> channel, boolean streamEndsNext)
            throws Exception;
    }

    /** A bare struct of one of the sample types, read with Structs.readInto. */
    record Raw(Class<? extends CStruct> type, byte[] bytes, int arrived) implements Item {
        @Override
        public String kind() {
            return "struct " + type.getSimpleName() + (arrived < bytes.length ? " cut" : "");
        }

        @Override
        public boolean pipelinable() {
            return true;
        }

        @Override
        public Future<?> read(MessageChannel<StandardHeader> channel) {
            return Structs.readInto(server, newStruct(type));
        }

        @Override
        public boolean check(int index, Future<?> read, MessageChannel<StandardHeader> channel, boolean streamEndsNext)
                throws Exception {
            String what = "item " + index + " " + this;
            if (arrived < bytes.length) {
                expectIncomplete(what, read, Arrays.copyOf(bytes, arrived), bytes.length);
                return false;
            }
            Object got = awaitValue(what, read);
            assertThat(got.getClass() == type, what + ": read a " + got.getClass());
            assertSameStruct(what, bytes, (CStruct) got);
            return true;
        }

        @Override
        public String toString() {
            return kind() + " " + hex(bytes);
        }
    }

    /** A message: header (registered id, its body's size, random sequence and timestamp bits) and body. */
    record Msg(int id, byte[] header, byte[] body, int arrived) implements Item {
        @Override
        public byte[] bytes() {
            return concat(header, body);
        }

        @Override
        public String kind() {
            return "message " + id + (arrived < header.length + body.length ? " cut" : "");
        }

        @Override
        public boolean pipelinable() {
            return true;
        }

        @Override
        public Future<?> read(MessageChannel<StandardHeader> channel) {
            return channel.readMessage();
        }

        @Override
        public boolean check(int index, Future<?> read, MessageChannel<StandardHeader> channel, boolean streamEndsNext)
                throws Exception {
            String what = "item " + index + " " + this;
            if (arrived < HEADER) {
                expectIncomplete(what, read, Arrays.copyOf(header, arrived), HEADER);
                return false;
            }
            if (arrived < HEADER + body.length) {
                expectIncomplete(what, read, Arrays.copyOf(body, arrived - HEADER), body.length);
                return false;
            }
            Message<?> m = (Message<?>) awaitValue(what, read);
            assertThat(Arrays.equals(header, Structs.encode(m.header()).getBytes()), what + ": header read as "
                + hex(Structs.encode(m.header()).getBytes()));
            assertThat(m.id() == id, what + ": id " + m.id());
            assertThat(m.body().getClass() == TYPES.get(id - 1), what + ": body is a " + m.body().getClass());
            assertSameStruct(what, body, (CStruct) m.body());
            return true;
        }

        @Override
        public String toString() {
            return kind() + " " + hex(header) + "|" + hex(body);
        }
    }

    /**
     * A header whose body cannot be read: an unregistered id, or a registered one with another size. When the
     * declared size is within maxBodySize, that many bytes of junk follow (the body to skip); otherwise nothing
     * follows and the try ends here.
     */
    record Garbage(long id, long declared, byte[] header, byte[] junk) implements Item {
        boolean registered() {
            return id <= Integer.MAX_VALUE && PROTOCOL.isRegistered((int) id);
        }

        boolean skippable() {
            return declared <= MAX_BODY;
        }

        @Override
        public byte[] bytes() {
            return concat(header, junk);
        }

        @Override
        public String kind() {
            return (registered() ? "wrong size" : "unknown id") + (skippable() ? "" : " past maxBodySize");
        }

        @Override
        public Future<?> read(MessageChannel<StandardHeader> channel) {
            return channel.readMessage();
        }

        @Override
        public boolean check(int index, Future<?> read, MessageChannel<StandardHeader> channel, boolean streamEndsNext)
                throws Exception {
            String what = "item " + index + " " + this;
            // The declared size is checked first, whatever the id: past maxBodySize it is a MessageSizeException.
            Class<?> expected = registered() || !skippable() ? MessageSizeException.class : UnknownMessageException.class;
            Throwable failure = awaitFailure(what, read, Throwable.class);
            assertThat(failure.getClass() == expected, what + ": expected " + expected.getSimpleName() + ", got " + failure);
            MessageException e = (MessageException) failure;
            assertThat(Arrays.equals(header, Structs.encode((Struct) e.header()).getBytes()), what
                + ": the exception's header is " + hex(Structs.encode((Struct) e.header()).getBytes()));
            assertThat(e.skippable() == skippable(), what + ": skippable() is " + e.skippable());
            Future<Void> skip = channel.skipBody(e);
            if (skippable()) {
                if (declared == 0 && streamEndsNext) {
                    // Nothing to skip and nothing after it: if the end of stream arrived before the skip was
                    // asked, the endpoint has dropped the connection and the skip fails as a read would.
                    Throwable t = await(what + " skipBody", skip.transform(ar -> Future.succeededFuture(ar.cause())));
                    assertThat(t == null || t instanceof NotConnectedException, what + ": skipBody failed with " + t);
                    return true;
                }
                await(skip);
                return true;
            }
            Throwable refused = awaitFailure(what + " skipBody", skip, Throwable.class);
            assertThat(refused instanceof IllegalStateException, what + ": skipBody failed with " + refused);
            return false;
        }

        @Override
        public String toString() {
            return kind() + " " + hex(header) + "|" + hex(junk);
        }
    }

    /**
     * Items sent in order; the last one is cut after {@code cut} bytes when present (the stream then ends).
     * Slice sizes and pauses (an await after a write) cycle.
     */
    record Session(List<Item> whole, Optional<Integer> cut, List<Integer> slices, List<Boolean> pauses,
                   boolean pipelined) {
        /** The items as sent, the last one cut. */
        List<Item> items() {
            if (cut.isEmpty()) {
                return whole;
            }
            List<Item> out = new ArrayList<>(whole);
            Item last = out.remove(out.size() - 1);
            int arrived = cut.get() % last.bytes().length;
            out.add(last instanceof Raw r ? new Raw(r.type, r.bytes, arrived) : new Msg(((Msg) last).id,
                ((Msg) last).header, ((Msg) last).body, arrived));
            return out;
        }

        byte[] stream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Item item : items()) {
                byte[] b = item.bytes();
                int n = item instanceof Raw r ? r.arrived : item instanceof Msg m ? m.arrived : b.length;
                out.write(b, 0, n);
            }
            return out.toByteArray();
        }
    }

    // ------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Session> sessions() {
        Arbitrary<Item> goodItem = Arbitraries.frequencyOf(Tuple.of(1, raw()), Tuple.of(1, message()));
        Arbitrary<Item> anyItem = Arbitraries.frequencyOf(Tuple.of(4, raw()), Tuple.of(4, message()),
            Tuple.of(2, garbage(true)));
        // How a try ends: cleanly, inside its last item (struct or message), or at an unskippable header.
        Arbitrary<Tuple.Tuple2<List<Item>, Optional<Integer>>> items = Combinators.combine(
                anyItem.list().ofMaxSize(12),
                Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.just(Optional.<Item>empty())),
                    Tuple.of(3, goodItem.map(Optional::of)),
                    Tuple.of(1, garbage(false).map(Optional::of))),
                Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(Optional.<Integer>empty())),
                    Tuple.of(2, Arbitraries.integers().between(0, 1000).map(Optional::of))))
            .as((list, end, cut) -> {
                List<Item> all = new ArrayList<>(list);
                end.ifPresent(all::add);
                boolean cuttable = end.isPresent() && !(end.get() instanceof Garbage);
                return Tuple.of(all, cuttable ? cut : Optional.<Integer>empty());
            })
            .filter(t -> !t.get1().isEmpty());
        Arbitrary<Integer> slice = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(1)),
            Tuple.of(3, Arbitraries.integers().between(2, 24)),
            Tuple.of(2, Arbitraries.integers().between(25, 400)));
        return Combinators.combine(items, slice.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.of(true, false, false, false).list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false))
            .as((t, slices, pauses, pipelined) -> new Session(t.get1(), t.get2(), slices, pauses, pipelined));
    }

    /** A sample struct with random fields, or random bytes of its size (any bit pattern is a struct). */
    private static Arbitrary<byte[]> structBytes(Class<? extends CStruct> type) {
        int size = newStruct(type).size();
        Arbitrary<byte[]> fields;
        if (type == Trivial.class) {
            fields = Combinators.combine(Arbitraries.longs(), Arbitraries.longs().array(long[].class).ofSize(3))
                .as((dBits, ints) -> {
                    Trivial t = new Trivial();
                    t.aDouble.set(Double.longBitsToDouble(dBits));
                    for (int i = 0; i < 3; i++) {
                        t.threeInts[i].set(ints[i]);
                    }
                    return Structs.encode(t).getBytes();
                });
        } else if (type == Aligned.class) {
            fields = Combinators.combine(Arbitraries.shorts().between((short) 0, (short) 255), Arbitraries.longs(),
                    Arbitraries.of(true, false), Arbitraries.integers().between(0, 0xFFFF))
                .as((a, bBits, c, d) -> {
                    Aligned s = new Aligned();
                    s.a.set(a);
                    s.b.set(Double.longBitsToDouble(bBits));
                    s.c.set(c);
                    s.d.set(d);
                    return Structs.encode(s).getBytes();
                });
        } else {
            // 1- to 4-byte UTF-8 characters, no NUL, cut to the 8 bytes of the field.
            Arbitrary<String> name = Arbitraries.strings().withCharRange('\u0001', '\u007f').withCharRange('\u0080', '\u07ff')
                .withCharRange('\u0800', '\ud7ff').withChars("\ud83d\ude00\u20ac\u00e9").ofMaxLength(8)
                .map(StructReaderFuzzTest::fitEightBytes);
            fields = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), name,
                    Arbitraries.of(true, false).list().ofSize(2), Arbitraries.longs())
                .as((id, n, flags, big) -> {
                    Network s = new Network();
                    s.id.set(id);
                    s.name.set(n);
                    s.flags[0].set(flags.get(0));
                    s.flags[1].set(flags.get(1));
                    s.big.set(big);
                    return Structs.encode(s).getBytes();
                });
        }
        return Arbitraries.frequencyOf(Tuple.of(3, fields), Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofSize(size)));
    }

    private static Arbitrary<Item> raw() {
        return Arbitraries.of(TYPES).flatMap(type -> structBytes(type).map(b -> (Item) new Raw(type, b, b.length)));
    }

    private static Arbitrary<Item> message() {
        return Arbitraries.integers().between(1, 3).flatMap(id -> Combinators.combine(
                structBytes(TYPES.get(id - 1)), Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.longs())
            .as((body, seq, ts) -> (Item) new Msg(id, header(id, seq, ts, body.length), body, HEADER + body.length)));
    }

    /** Unregistered ids (small, large, past 2^31) or registered ids with a wrong size. */
    private static Arbitrary<Item> garbage(boolean skippable) {
        Arbitrary<Long> id = Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().between(0, 0xFFFF_FFFFL).filter(i -> i > 3 || i == 0)),
            Tuple.of(1, Arbitraries.longs().between(0x8000_0000L, 0xFFFF_FFFFL)),
            Tuple.of(3, Arbitraries.longs().between(1, 3)));
        Arbitrary<Long> declared = skippable
            ? Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, MAX_BODY)),
                Tuple.of(1, Arbitraries.of(0L, (long) MAX_BODY)))
            : Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(MAX_BODY + 1L)),
                Tuple.of(2, Arbitraries.longs().between(MAX_BODY + 1, MAX_BODY + 100)),
                Tuple.of(2, Arbitraries.longs().between(MAX_BODY + 1, 0xFFFF_FFFFL)));
        return Combinators.combine(id, declared, Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.longs(),
                Arbitraries.bytes().array(byte[].class).ofSize(MAX_BODY))
            .filter((i, d, seq, ts, junk) -> !(i >= 1 && i <= 3 && d == PROTOCOL.bodySize((int) (long) i)))
            .as((i, d, seq, ts, junk) -> (Item) new Garbage(i, d, header(i, seq, ts, d),
                skippable ? Arrays.copyOf(junk, (int) (long) d) : new byte[0]));
    }

    /** A StandardHeader's 20 bytes, written by hand: packed, little-endian. */
    private static byte[] header(long id, long sequence, long timestampBits, long bodySize) {
        return ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN)
            .putInt((int) id).putInt((int) sequence).putLong(timestampBits).putInt((int) bodySize).array();
    }

    // ------------------------------------------------------------------------------------------ checks

    /** Byte for byte, then field by field through the struct's own accessors. */
    private static void assertSameStruct(String what, byte[] sent, CStruct got) {
        byte[] read = Structs.encode(got).getBytes();
        assertThat(Arrays.equals(sent, read), what + ": read back as " + hex(read));
        CStruct expected = Structs.decode(Buffer.buffer(sent), 0, newStruct(got.getClass()));
        if (got instanceof Trivial t) {
            Trivial e = (Trivial) expected;
            assertThat(bits(t.aDouble.get()) == bits(e.aDouble.get()), what + ": aDouble");
            for (int i = 0; i < 3; i++) {
                assertThat(t.threeInts[i].get() == e.threeInts[i].get(), what + ": threeInts[" + i + "]");
            }
            assertThat(t.aDouble.get() == ByteBuffer.wrap(sent).order(ByteOrder.LITTLE_ENDIAN).getDouble(0)
                || Double.isNaN(t.aDouble.get()), what + ": aDouble differs from the bytes sent");
        } else if (got instanceof Aligned a) {
            Aligned e = (Aligned) expected;
            assertThat(a.a.get() == e.a.get() && a.a.get() == (sent[0] & 0xFF), what + ": a");
            assertThat(bits(a.b.get()) == bits(e.b.get()), what + ": b");
            assertThat(a.c.get() == e.c.get() && a.c.get() == (sent[16] != 0), what + ": c");
            assertThat(a.d.get() == e.d.get(), what + ": d");
        } else if (got instanceof Network n) {
            Network e = (Network) expected;
            assertThat(n.id.get() == e.id.get()
                && n.id.get() == (ByteBuffer.wrap(sent).order(ByteOrder.BIG_ENDIAN).getInt(0) & 0xFFFF_FFFFL), what + ": id");
            assertThat(Arrays.equals(n.name.getBytes(), e.name.getBytes()), what + ": name");
            assertThat(n.flags[0].get() == e.flags[0].get() && n.flags[1].get() == e.flags[1].get(), what + ": flags");
            assertThat(n.big.get() == e.big.get() && n.big.get() == ByteBuffer.wrap(sent).getLong(14), what + ": big");
        } else {
            throw new AssertionError(what + ": unexpected type " + got.getClass());
        }
    }

    private static void expectIncomplete(String what, Future<?> read, byte[] partial, int expected) {
        Throwable failure = awaitFailure(what, read, Throwable.class);
        if (partial.length == 0 && failure instanceof NotConnectedException) {
            // The stream ended exactly before this item, with every earlier byte read: when the end of stream
            // arrives before the read is asked, the endpoint has already dropped the connection (documented:
            // reads then fail with NotConnectedException); asked before, the read fails as incomplete.
            Statistics.label("ended before the read was asked").collect(true);
            return;
        }
        assertThat(failure instanceof IncompleteReadException, what + ": expected IncompleteReadException, got " + failure);
        IncompleteReadException e = (IncompleteReadException) failure;
        assertThat(Arrays.equals(partial, e.partial().getBytes()), what + ": partial bytes " + hex(e.partial().getBytes())
            + ", expected " + hex(partial));
        assertThat(e.expected().equals(OptionalInt.of(expected)), what + ": expected() is " + e.expected());
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static CStruct newStruct(Class<?> type) {
        Supplier<CStruct> make = type == Trivial.class ? Trivial::new : type == Aligned.class ? Aligned::new : Network::new;
        return make.get();
    }

    /** The longest well-formed prefix of the text that fits 8 bytes of UTF-8. */
    private static String fitEightBytes(String s) {
        String t = s;
        while (!t.isEmpty() && (t.getBytes(StandardCharsets.UTF_8).length > 8 || Character.isHighSurrogate(t.charAt(t.length() - 1))
                || !isWellFormed(t))) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object awaitValue(String what, Future<?> read) {
        try {
            return await(what, read);
        } catch (Exception e) {
            throw new AssertionError(what + ": failed with " + e, e);
        }
    }

    private static void assertThat(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 40)) + (b.length > 40 ? "..." : "");
    }
}
