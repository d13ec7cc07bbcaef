package dev.tcpip.bench.model;

import dev.tcpip.struct.Structs;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hand codec and the javolution struct write and read the same bytes, so the benchmark compares like
 * with like.
 */
class Sample32CodecTest {

    /** Values that reach every byte and sign: top bit of the unsigned field, negative zero, NaN payloads. */
    private static final List<Sample32Fields> SAMPLES = List.of(
        new Sample32Fields().set(0, 0, 0.0, 0.0, 0),
        new Sample32Fields().set(1, 2, 1_700_000_000.123456, 42.5, 3),
        new Sample32Fields().set(0xFFFF_FFFFL, Integer.MIN_VALUE, -0.0, Double.NEGATIVE_INFINITY, Long.MIN_VALUE),
        new Sample32Fields().set(0x8000_0000L, Integer.MAX_VALUE, Double.MIN_VALUE, Double.MAX_VALUE, Long.MAX_VALUE),
        new Sample32Fields().set(0x1234_5678L, -1, Double.longBitsToDouble(0x7ff8_0000_dead_beefL),
            Double.longBitsToDouble(0xfff0_0000_0000_0001L), -1));

    private static Sample32 struct(Sample32Fields f) {
        Sample32 s = new Sample32();
        s.sequence.set(f.sequence);
        s.status.set(f.status);
        s.timestamp.set(f.timestamp);
        s.value.set(f.value);
        s.counter.set(f.counter);
        return s;
    }

    private static void assertSameValues(Sample32 expected, Sample32Fields actual) {
        assertEquals(expected.sequence.get(), actual.sequence, "sequence");
        assertEquals(expected.status.get(), actual.status, "status");
        assertEquals(Double.doubleToRawLongBits(expected.timestamp.get()),
            Double.doubleToRawLongBits(actual.timestamp), "timestamp bits");
        assertEquals(Double.doubleToRawLongBits(expected.value.get()),
            Double.doubleToRawLongBits(actual.value), "value bits");
        assertEquals(expected.counter.get(), actual.counter, "counter");
    }

    @Test
    void encodesTheSameBytesAsStructsEncode() {
        for (Sample32Fields f : SAMPLES) {
            byte[] expected = Structs.encode(struct(f)).getBytes();
            assertArrayEquals(expected, Sample32Codec.appendTo(Buffer.buffer(), f).getBytes(), "appendTo " + f);

            Buffer at = Buffer.buffer().appendString("xyz");
            assertEquals(3 + Sample32Codec.SIZE, Sample32Codec.encodeAt(at, 3, f));
            Buffer viaStructs = Buffer.buffer().appendString("xyz");
            Structs.encodeAt(viaStructs, 3, struct(f));
            assertArrayEquals(viaStructs.getBytes(), at.getBytes(), "encodeAt " + f);
        }
    }

    @Test
    void encodeAtOverwritesInsideALongerBuffer() {
        Sample32Fields f = SAMPLES.get(2);
        Buffer buffer = Buffer.buffer(new byte[80]);
        Buffer viaStructs = Buffer.buffer(new byte[80]);
        Sample32Codec.encodeAt(buffer, 40, f);
        Structs.encodeAt(viaStructs, 40, struct(f));
        assertEquals(80, buffer.length());
        assertArrayEquals(viaStructs.getBytes(), buffer.getBytes());
    }

    @Test
    void matchesPythonStructPack() {
        // python3 -c "import struct; print(struct.pack('<Iiddq', 0xFFFFFFFE, -2, 1700000000.25, -0.5,
        //     -9876543210).hex())"
        byte[] python = HexFormat.of().parseHex(
            "fefffffffeffffff00001040fc54d941000000000000e0bf16e94fb3fdffffff");
        Sample32Fields f = new Sample32Fields().set(0xFFFF_FFFEL, -2, 1_700_000_000.25, -0.5, -9_876_543_210L);
        assertArrayEquals(python, Sample32Codec.appendTo(Buffer.buffer(), f).getBytes());
        assertArrayEquals(python, Structs.encode(struct(f)).getBytes());
    }

    @Test
    void decodesTheSameValuesAsStructsDecode() {
        for (Sample32Fields f : SAMPLES) {
            Buffer bytes = Buffer.buffer().appendString("ab").appendBuffer(Structs.encode(struct(f)));
            Sample32 expected = Structs.decode(bytes, 2, new Sample32());
            Sample32Fields into = new Sample32Fields();
            assertSame(into, Sample32Codec.decode(bytes, 2, into));
            assertSameValues(expected, into);
            assertSameValues(struct(f), into);
        }
    }

    @Test
    void decodeRefusesTooFewBytes() {
        Buffer bytes = Buffer.buffer(new byte[40]);
        assertThrows(IndexOutOfBoundsException.class, () -> Sample32Codec.decode(bytes, 9, new Sample32Fields()));
        assertThrows(IndexOutOfBoundsException.class, () -> Sample32Codec.decode(bytes, -1, new Sample32Fields()));
        assertThrows(IndexOutOfBoundsException.class, () -> Sample32Codec.encodeAt(bytes, 41, new Sample32Fields()));
    }
}
