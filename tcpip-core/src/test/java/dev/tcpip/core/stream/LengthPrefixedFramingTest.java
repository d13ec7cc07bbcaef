package dev.tcpip.core.stream;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.framing.FrameLengthException;
import dev.tcpip.core.framing.LengthPrefixed;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The length-prefixed framing served by the reader, fed by a fake stream in chosen pieces. */
class LengthPrefixedFramingTest {
    private static final LengthPrefixed BANG_I = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1000);

    private final FakeReadStream source = new FakeReadStream();
    private final StreamReader reader = new StreamReader(source, 1024);

    /** Python's struct.pack("!i", n) + body. */
    private static Buffer frame(int declared, String body) {
        return Buffer.buffer(ByteBuffer.allocate(4).putInt(declared).array()).appendString(body);
    }

    private static String text(Future<Buffer> f) {
        assertTrue(f.succeeded(), () -> "not succeeded: " + f);
        return f.result().toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHeaderAloneIsTheStartOfTheEncodedFrameForEveryWidthAndOrder() {
        Buffer body = Buffer.buffer("hello");
        for (int width : new int[] {1, 2, 4, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (LengthPrefixed framing : List.of(LengthPrefixed.of(width, order, 200),
                    LengthPrefixed.of(width, order, 200).withLengthIncludingHeader())) {
                    assertEquals(framing.encode(body).getBuffer(0, width), framing.header(body.length()), framing.toString());
                    assertThrows(IllegalArgumentException.class, () -> framing.header(201), "over the maximum");
                    assertThrows(IllegalArgumentException.class, () -> framing.header(-1), "negative");
                }
            }
        }
    }

    @Test
    void coalescedFramesInOneChunkComeOutOneByOne() {
        source.push(frame(5, "hello").appendBuffer(frame(0, "")).appendBuffer(frame(3, "abc")));
        assertEquals("hello", text(reader.read(BANG_I)));
        assertEquals("", text(reader.read(BANG_I)), "a zero length is an empty frame");
        assertEquals("abc", text(reader.read(BANG_I)));
        assertFalse(reader.read(BANG_I).isComplete(), "nothing more buffered");
    }

    @Test
    void aSplitHeaderWaitsForItsLastByte() {
        Buffer wire = frame(2, "hi");
        Future<Buffer> read = reader.read(BANG_I);
        for (int i = 0; i < 3; i++) {
            source.push(wire.getBuffer(i, i + 1));
            assertFalse(read.isComplete(), "after header byte " + i);
        }
        source.push(wire.getBuffer(3, wire.length()));
        assertEquals("hi", text(read));
    }

    @Test
    void aSplitBodyIsTakenWholeOrNotAtAll() {
        Buffer wire = frame(10, "0123456789");
        Future<Buffer> read = reader.read(BANG_I);
        source.push(wire.getBuffer(0, 9));
        assertFalse(read.isComplete());
        assertEquals(9, reader.available(), "nothing taken before the frame is whole");
        source.push(wire.getBuffer(9, wire.length()));
        assertEquals("0123456789", text(read));
        assertEquals(0, reader.available());
    }

    @Test
    void theMaximumItselfIsAccepted() {
        String body = "x".repeat(1000);
        source.push(frame(1000, body));
        assertEquals(body, text(reader.read(BANG_I)));
    }

    @Test
    void oneOverTheMaximumFailsOnTheHeaderAndItsBodyIsNeverBuffered() {
        Future<Buffer> read = reader.read(BANG_I);
        source.push(frame(1001, ""));
        assertTrue(read.failed(), "rejected as soon as the header arrived");
        FrameLengthException e = assertInstanceOf(FrameLengthException.class, read.cause());
        assertEquals(1001, e.declaredLength());
        assertEquals(1000, e.maxFrameLength());
        assertTrue(e.skippable());
        assertEquals("a frame header declares 1001 bytes, more than the maximum of 1000", e.getMessage());
        Future<Buffer> next = reader.read(BANG_I);
        for (int i = 0; i < 1001; i += 100) {
            source.push(Buffer.buffer(new byte[Math.min(100, 1001 - i)]));
            assertTrue(reader.available() == 0, "the rejected body is thrown away as it comes");
            assertFalse(next.isComplete());
        }
        source.push(frame(2, "ok"));
        assertEquals("ok", text(next), "the next frame after the skipped body");
    }

    @Test
    void aHugeDeclaredLengthCostsNoMemory() {
        Future<Buffer> read = reader.read(BANG_I);
        source.push(frame(Integer.MAX_VALUE, ""));
        assertInstanceOf(FrameLengthException.class, read.cause());
        for (int i = 0; i < 100; i++) {
            source.push(Buffer.buffer(new byte[64 * 1024]));
        }
        assertEquals(0, reader.available(), "6.4 MB of a 2 GB body arrived and none of it was kept");
    }

    @Test
    void aNegativeLengthIsRejected() {
        source.push(frame(-5, "abcde"));
        Future<Buffer> read = reader.read(BANG_I);
        FrameLengthException e = assertInstanceOf(FrameLengthException.class, read.cause());
        assertEquals(-5, e.declaredLength());
        assertFalse(e.skippable());
        assertEquals("a frame header declares a length of -5 bytes: a length cannot be negative", e.getMessage());
    }

    @Test
    void theEndOfTheStreamInsideTheHeaderOrTheBodyGivesWhatArrived() {
        source.push(Buffer.buffer(new byte[] {0, 0}));
        source.end();
        IncompleteReadException header = assertInstanceOf(IncompleteReadException.class, reader.read(BANG_I).cause());
        assertEquals(2, header.partial().length());
        assertEquals(java.util.OptionalInt.of(4), header.expected());

        FakeReadStream s2 = new FakeReadStream();
        StreamReader r2 = new StreamReader(s2, 1024);
        s2.push(frame(10, "abc"));
        s2.end();
        IncompleteReadException body = assertInstanceOf(IncompleteReadException.class, r2.read(BANG_I).cause());
        assertEquals("abc", body.partial().toString(StandardCharsets.UTF_8));
        assertEquals(java.util.OptionalInt.of(10), body.expected());
        assertNull(body.getCause(), "a clean end of stream");
    }

    static Stream<Arguments> everyWidthAndOrder() {
        List<Arguments> all = new ArrayList<>();
        for (int width : new int[] {1, 2, 4, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (boolean includesHeader : new boolean[] {false, true}) {
                    all.add(Arguments.of(width, order, includesHeader));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} bytes, {1}, length includes header: {2}")
    @MethodSource("everyWidthAndOrder")
    void everyWidthAndByteOrderRoundTripsAndMatchesByteBuffer(int width, ByteOrder order, boolean includesHeader) {
        LengthPrefixed framing = LengthPrefixed.of(width, order, 200);
        if (includesHeader) {
            framing = framing.withLengthIncludingHeader();
        }
        Buffer body = Buffer.buffer("x".repeat(200));
        Buffer wire = framing.encode(body);
        long declared = 200 + (includesHeader ? width : 0);
        ByteBuffer expected = ByteBuffer.allocate(width).order(order);
        switch (width) {
            case 1: expected.put((byte) declared); break;
            case 2: expected.putShort((short) declared); break;
            case 4: expected.putInt((int) declared); break;
            default: expected.putLong(declared); break;
        }
        assertArrayEquals(expected.array(), wire.getBytes(0, width), "the header as ByteBuffer writes it");
        source.push(wire.appendBuffer(framing.encode(Buffer.buffer("y"))));
        assertEquals(body, reader.read(framing).result());
        assertEquals("y", text(reader.read(framing)));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(width, order, 200).encode(Buffer.buffer(new byte[201])));
    }

    @Test
    void oneAndTwoByteLengthsAreUnsigned() {
        LengthPrefixed one = LengthPrefixed.of(1, ByteOrder.BIG_ENDIAN, 255);
        source.push(Buffer.buffer(new byte[] {(byte) 0xFF}).appendBuffer(Buffer.buffer(new byte[255])));
        assertEquals(255, reader.read(one).result().length());
        LengthPrefixed two = LengthPrefixed.of(2, ByteOrder.LITTLE_ENDIAN, 65535);
        source.push(Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xFF}).appendBuffer(Buffer.buffer(new byte[65535])));
        assertEquals(65535, reader.read(two).result().length());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(3, ByteOrder.BIG_ENDIAN, 10));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(4, null, 10));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(1, ByteOrder.BIG_ENDIAN, 256));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, -1));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.of(1, ByteOrder.BIG_ENDIAN, 255).withLengthIncludingHeader());
    }

    @Test
    void aLengthThatCountsItsHeaderButIsShorterThanItIsRejected() {
        LengthPrefixed framing = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 100).withLengthIncludingHeader();
        source.push(frame(2, ""));
        FrameLengthException e = assertInstanceOf(FrameLengthException.class, reader.read(framing).cause());
        assertEquals(-2, e.declaredLength(), "the body length it implies");
    }

    @Test
    void framesAndOtherReadsShareOneQueueInOrder() {
        Future<Buffer> line = reader.readUntil(Buffer.buffer("\n"));
        Future<Buffer> frame = reader.read(BANG_I);
        Future<Buffer> exact = reader.readExactly(2);
        source.push(Buffer.buffer("hi\n").appendBuffer(frame(3, "abc")).appendString("zz"));
        assertEquals("hi\n", text(line));
        assertEquals("abc", text(frame));
        assertEquals("zz", text(exact));
    }
}
