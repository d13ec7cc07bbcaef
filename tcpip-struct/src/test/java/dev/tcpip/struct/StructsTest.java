package dev.tcpip.struct;

import dev.tcpip.core.Client;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.framing.ReadBuffer;
import dev.tcpip.struct.SampleStructs.Aligned;
import dev.tcpip.struct.SampleStructs.Network;
import dev.tcpip.struct.SampleStructs.Trivial;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructsTest extends OneClientServerTestBase {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static Trivial trivial(double d, long a, long b, long c) {
        Trivial t = new Trivial();
        t.aDouble.set(d);
        t.threeInts[0].set(a);
        t.threeInts[1].set(b);
        t.threeInts[2].set(c);
        return t;
    }

    @Test
    void packedLittleEndianByDefault() {
        Trivial t = trivial(1.0, 1, -1, 0x0102030405060708L);
        assertEquals(32, t.size());
        assertArrayEquals(hex("000000000000f03f 0100000000000000 ffffffffffffffff 0807060504030201"),
            Structs.encode(t).getBytes());
    }

    @Test
    void naturalAlignmentPadsLikeC() {
        Aligned s = new Aligned();
        s.a.set((short) 0xAB);
        s.b.set(2.0);
        s.c.set(true);
        s.d.set(0x0102);
        assertEquals(24, s.size());
        assertEquals(8, s.b.offset());
        assertEquals(16, s.c.offset());
        assertEquals(18, s.d.offset());
        assertArrayEquals(hex("ab00000000000000 0000000000000040 0100 0201 00000000"), Structs.encode(s).getBytes());
    }

    @Test
    void bigEndianBoolAsOneAndStringCountedInBytes() {
        Network n = new Network();
        n.id.set(0x01020304L);
        n.name.set("é€");   // 2 + 3 = 5 UTF-8 bytes in an 8-byte field
        n.flags[0].set(true);
        n.big.setUnsigned(new BigInteger("18446744073709551615"));
        assertEquals(4 + 8 + 2 + 8, n.size());
        assertArrayEquals(hex("01020304 c3a9e282ac000000 0100 ffffffffffffffff"), Structs.encode(n).getBytes());
        assertEquals("é€", n.name.get());
        assertEquals("18446744073709551615", n.big.toString());
        assertEquals(-1L, n.big.get());
    }

    @Test
    void stringLongerThanItsFieldIsRefusedAndLeavesTheFieldAlone() {
        Network n = new Network();
        n.name.set("abc");
        n.big.set(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.name.set("ééééé"));
        assertTrue(e.getMessage().contains("10 bytes"), e.getMessage());
        assertEquals("abc", n.name.get());
        assertEquals(7, n.big.get());
    }

    @Test
    void stringOfExactlyTheFieldSizeHasNoTerminator() {
        Network n = new Network();
        n.name.set("12345678");
        assertEquals("12345678", n.name.get());
        n.name.set("ab");
        assertArrayEquals("ab".getBytes(), n.name.getBytes());
        assertArrayEquals(hex("6162000000000000"), Structs.encode(n).getBytes(4, 12));
    }

    @Test
    void decodeAtAnOffsetAndEncodeAtAnOffset() {
        Trivial t = trivial(3.5, 1, 2, 3);
        Buffer buffer = Buffer.buffer("xyz");
        int end = Structs.encodeAt(buffer, 3, t);
        assertEquals(35, end);
        Trivial back = Structs.decode(buffer, 3, new Trivial());
        assertEquals(3.5, back.aDouble.get());
        assertEquals(3, back.threeInts[2].get());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
            () -> Structs.decode(buffer, 4, new Trivial()));
        assertTrue(e.getMessage().contains("needs 32 bytes at offset 4"), e.getMessage());
    }

    /** The unread bytes a decoder would see: a buffer and a position, as the endpoint's reader keeps them. */
    private static final class BufferReadBuffer implements ReadBuffer {
        private final Buffer bytes;
        private int pos;

        BufferReadBuffer(Buffer bytes) {
            this.bytes = bytes;
        }

        @Override
        public int available() {
            return bytes.length() - pos;
        }

        @Override
        public byte getByte(int index) {
            return bytes.getByte(pos + index);
        }

        @Override
        public int indexOf(Buffer delimiter, int from) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Buffer copy(int from, int to) {
            return bytes.getBuffer(pos + from, pos + to);
        }

        @Override
        public void getBytes(int from, int to, byte[] dst, int dstIndex) {
            bytes.getBytes(pos + from, pos + to, dst, dstIndex);
        }

        @Override
        public Buffer take(int n) {
            pos += n;
            return bytes.getBuffer(pos - n, pos);
        }

        @Override
        public void skip(long n) {
            pos += (int) n;
        }

        @Override
        public void skipThrough(Buffer delimiter) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Throwable failure() {
            return null;
        }
    }

    @Test
    void decodeFromUnreadBytesFillsTheStructWithoutTakingThem() {
        Trivial t = trivial(3.5, 1, 2, 3);
        Buffer wire = Buffer.buffer("xyz").appendBuffer(Structs.encode(t));
        BufferReadBuffer in = new BufferReadBuffer(wire);
        Trivial back = Structs.decode(in, 3, new Trivial());
        assertEquals(3.5, back.aDouble.get());
        assertEquals(3, back.threeInts[2].get());
        assertEquals(35, in.available(), "nothing taken");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
            () -> Structs.decode(in, 4, new Trivial()));
        assertTrue(e.getMessage().contains("needs 32 bytes at index 4, 35 are unread"), e.getMessage());

        // A plain javolution struct (its own direct buffer) goes through a copy, with the same bytes.
        StructJsonTest.Plain plain = new StructJsonTest.Plain();
        plain.code.set(0xBEEF);
        plain.ratio.set(0.5f);
        Buffer plainWire = Buffer.buffer("ab").appendBuffer(Structs.encode(plain));
        StructJsonTest.Plain plainBack = Structs.decode(new BufferReadBuffer(plainWire), 2, new StructJsonTest.Plain());
        assertEquals(0xBEEF, plainBack.code.get());
        assertEquals(0.5f, plainBack.ratio.get());
    }

    @Test
    void writeFromSendsStructsBackToBackAndReadIntoReadsExactlyOne() throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        assertNextConnected(true);
        await(Structs.writeFrom(client, trivial(1, 2, 3, 4), trivial(5, 6, 7, 8)));
        Trivial first = await(Structs.readInto(server, new Trivial()));
        Trivial second = await(Structs.readInto(server, new Trivial()));
        assertEquals(1.0, first.aDouble.get());
        assertEquals(4, first.threeInts[2].get());
        assertEquals(5.0, second.aDouble.get());
        assertEquals(8, second.threeInts[2].get());
    }

    @Test
    void endOfStreamMidStructFailsWithThePartialBytes() throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        assertNextConnected(true);
        Trivial t = new Trivial();
        await(client.write(Buffer.buffer(new byte[] {1, 2, 3, 4, 5})));
        await(client.close());
        IncompleteReadException e = awaitFailure(Structs.readInto(server, t), IncompleteReadException.class);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, e.partial().getBytes());
        assertEquals(32, e.expected().getAsInt());
        assertNextConnected(false);
        assertFalse(server.connected());
    }

    @Test
    void notConnectedFailsAtOnce() throws Exception {
        OneClientServer server = createServer();
        awaitFailure(Structs.writeFrom(server, new Trivial()), NotConnectedException.class);
        awaitFailure(Structs.readInto(server, new Trivial()), NotConnectedException.class);
    }

    @Test
    void readIntoReturnsTheSameStruct() throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        assertNextConnected(true); // the server has admitted the client: its reads find the connection
        await(Structs.writeFrom(client, trivial(9, 9, 9, 9)));
        Trivial t = new Trivial();
        assertSame(t, await(Structs.readInto(server, t)));
    }

    /** 512 bytes, every element the same marker: a torn write would mix two markers in one struct. */
    public static final class Block extends CStruct {
        public final Signed64[] words = array(new Signed64[64]);
    }

    @Test
    void writesFromSeveralThreadsAreNeverInterleaved() throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        int threads = 4;
        int each = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long marker = t + 1;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        Block a = new Block();
                        Block b = new Block();
                        for (int w = 0; w < 64; w++) {
                            a.words[w].set(marker);
                            b.words[w].set(marker);
                        }
                        Structs.writeFrom(client, a, b);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> job : jobs) {
                job.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int[] perMarker = new int[threads + 1];
        for (int i = 0; i < threads * each; i++) {
            Block a = await(Structs.readInto(server, new Block()));
            Block b = await(Structs.readInto(server, new Block()));
            long marker = a.words[0].get();
            for (int w = 0; w < 64; w++) {
                assertEquals(marker, a.words[w].get(), "struct torn at word " + w);
                assertEquals(marker, b.words[w].get(), "pair split: the second struct came from another write");
            }
            perMarker[(int) marker]++;
        }
        for (int t = 1; t <= threads; t++) {
            assertEquals(each, perMarker[t], "writes of thread " + t);
        }
    }

    /** Private element class with a private constructor: array() still creates it. */
    private static final class Point extends CStruct {
        public final Signed16 x = new Signed16();
        public final Signed16 y = new Signed16();

        private Point() {
        }
    }

    public static final class Polygon extends CStruct {
        public final Unsigned8 count = new Unsigned8();
        public final Point[] points = array(new Point[3]);
    }

    /** An inner (non-static) class has no constructor without arguments. */
    final class Attached extends CStruct {
        public final Signed8 v = new Signed8();
    }

    @Test
    void structArraysAreCreatedInOrderOrExplainWhyNot() {
        Polygon p = new Polygon();
        assertEquals(13, p.size());
        p.points[2].y.set((short) 0x0102);
        assertArrayEquals(hex("00 00000000 00000000 0000 0201"), Structs.encode(p).getBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CStruct() {
            public final Attached[] attached = array(new Attached[1]);
        });
        assertTrue(e.getMessage().contains("has no constructor without arguments"), e.getMessage());
    }
}
