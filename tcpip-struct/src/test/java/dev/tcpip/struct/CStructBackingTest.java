package dev.tcpip.struct;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import javolution.io.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CStruct backs a fresh top-level struct with a heap array that its members read and write directly; any
 * other backing (a buffer set before first use, a buffer set later, an enclosing struct's, javolution's
 * direct one) goes through javolution's accessors. Both must give the same bytes and values.
 */
class CStructBackingTest {

    /** One member of every numeric type, plus Bool and Unsigned64, packed. */
    static class AllTypes extends CStruct {
        final Signed8 i8 = new Signed8();
        final Unsigned8 u8 = new Unsigned8();
        final Signed16 i16 = new Signed16();
        final Unsigned16 u16 = new Unsigned16();
        final Signed32 i32 = new Signed32();
        final Unsigned32 u32 = new Unsigned32();
        final Signed64 i64 = new Signed64();
        final Unsigned64 u64 = new Unsigned64();
        final Float32 f32 = new Float32();
        final Float64 f64 = new Float64();
        final Bool flag = new Bool();
        final Float64[] f64s = array(new Float64[2]);
        final Unsigned16[] u16s = array(new Unsigned16[2]);
    }

    /** The same, big-endian. */
    static final class AllTypesBig extends AllTypes {
        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Two javolution bit fields sharing one byte, then a whole byte. */
    static final class Bits extends CStruct {
        final Unsigned8 low = new Unsigned8(3);
        final Unsigned8 high = new Unsigned8(5);
        final Signed8 whole = new Signed8();
    }

    static final class Inner extends CStruct {
        final Unsigned16 a = new Unsigned16();
        final Float32 b = new Float32();
    }

    static final class Outer extends CStruct {
        final Signed8 head = new Signed8();
        final Inner inner = inner(new Inner());
        final Signed32 tail = new Signed32();
    }

    private static AllTypes create(boolean big) {
        return big ? new AllTypesBig() : new AllTypes();
    }

    /** Values that reach the sign bit and every byte; NaN payloads must survive bit for bit. */
    private static void fill(AllTypes s) {
        s.i8.set((byte) -2);
        s.u8.set((short) 0xFE);
        s.i16.set((short) -12345);
        s.u16.set(0xFEDC);
        s.i32.set(-123_456_789);
        s.u32.set(0xFEDC_BA98L);
        s.i64.set(-1_234_567_890_123_456_789L);
        s.u64.setUnsigned(new BigInteger("18364758544493064720"));
        s.f32.set(Float.intBitsToFloat(0x7fc0_1234));
        s.f64.set(Double.longBitsToDouble(0xfff8_0000_dead_beefL));
        s.flag.set(true);
        s.f64s[0].set(-0.0);
        s.f64s[1].set(1.7e9 + 0.25);
        s.u16s[0].set(1);
        s.u16s[1].set(0x8000);
    }

    private static void assertSameValues(AllTypes expected, AllTypes actual) {
        assertEquals(expected.i8.get(), actual.i8.get(), "i8");
        assertEquals(expected.u8.get(), actual.u8.get(), "u8");
        assertEquals(expected.i16.get(), actual.i16.get(), "i16");
        assertEquals(expected.u16.get(), actual.u16.get(), "u16");
        assertEquals(expected.i32.get(), actual.i32.get(), "i32");
        assertEquals(expected.u32.get(), actual.u32.get(), "u32");
        assertEquals(expected.i64.get(), actual.i64.get(), "i64");
        assertEquals(expected.u64.getUnsigned(), actual.u64.getUnsigned(), "u64");
        assertEquals(Float.floatToRawIntBits(expected.f32.get()), Float.floatToRawIntBits(actual.f32.get()), "f32");
        assertEquals(Double.doubleToRawLongBits(expected.f64.get()), Double.doubleToRawLongBits(actual.f64.get()), "f64");
        assertEquals(expected.flag.get(), actual.flag.get(), "flag");
        for (int i = 0; i < 2; i++) {
            assertEquals(Double.doubleToRawLongBits(expected.f64s[i].get()),
                Double.doubleToRawLongBits(actual.f64s[i].get()), "f64s[" + i + "]");
            assertEquals(expected.u16s[i].get(), actual.u16s[i].get(), "u16s[" + i + "]");
        }
    }

    private static byte[] bytes(Struct s) {
        return Structs.encode(s).getBytes();
    }

    @Test
    void aFreshStructGetsAHeapBufferOfItsOwnSizeAndOrder() {
        AllTypes little = new AllTypes();
        little.i32.set(1);
        ByteBuffer buffer = little.getByteBuffer();
        assertFalse(buffer.isDirect());
        assertTrue(buffer.hasArray());
        assertEquals(little.size(), buffer.capacity());
        assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());

        AllTypes big = new AllTypesBig();
        Structs.decode(Buffer.buffer(new byte[big.size()]), 0, big);
        assertFalse(big.getByteBuffer().isDirect());
        assertEquals(ByteOrder.BIG_ENDIAN, big.getByteBuffer().order());
    }

    @ParameterizedTest(name = "bigEndian={0}")
    @ValueSource(booleans = {false, true})
    void directAccessAndJavolutionsAccessorsGiveTheSameBytesAndValues(boolean big) {
        AllTypes direct = create(big);
        fill(direct);
        AllTypes javolution = create(big);
        ByteBuffer own = ByteBuffer.allocateDirect(javolution.size()).order(javolution.byteOrder());
        javolution.setByteBuffer(own, 0);
        fill(javolution);

        assertTrue(direct.getByteBuffer().hasArray());
        assertSame(own, javolution.getByteBuffer());
        assertArrayEquals(bytes(javolution), bytes(direct));
        assertSameValues(javolution, direct);

        // And across: bytes written one way read back the same the other way.
        AllTypes decodedDirect = Structs.decode(Structs.encode(javolution), 0, create(big));
        AllTypes decodedJavolution = create(big);
        decodedJavolution.setByteBuffer(ByteBuffer.allocateDirect(decodedJavolution.size())
            .order(decodedJavolution.byteOrder()), 0);
        Structs.decode(Structs.encode(direct), 0, decodedJavolution);
        assertSameValues(javolution, decodedDirect);
        assertSameValues(javolution, decodedJavolution);
    }

    @Test
    void knownBytesLittleAndBigEndian() {
        AllTypes little = new AllTypes();
        little.u32.set(0x0102_0304L);
        little.i16.set((short) 0x0506);
        AllTypes big = new AllTypesBig();
        big.u32.set(0x0102_0304L);
        big.i16.set((short) 0x0506);
        byte[] l = bytes(little);
        byte[] b = bytes(big);
        // i8 u8 at 0 and 1, i16 at 2, u16 at 4, i32 at 6, u32 at 10
        assertArrayEquals(new byte[] {6, 5}, Arrays.copyOfRange(l, 2, 4));
        assertArrayEquals(new byte[] {5, 6}, Arrays.copyOfRange(b, 2, 4));
        assertArrayEquals(new byte[] {4, 3, 2, 1}, Arrays.copyOfRange(l, 10, 14));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(b, 10, 14));
    }

    @Test
    void aBufferSetBeforeFirstUseIsKept() {
        AllTypes s = new AllTypes();
        ByteBuffer mine = ByteBuffer.allocate(s.size() + 5).order(ByteOrder.LITTLE_ENDIAN);
        s.setByteBuffer(mine, 5);
        s.u32.set(0xAABB_CCDDL);
        assertSame(mine, s.getByteBuffer());
        assertEquals(0xAABB_CCDD, mine.getInt(5 + s.u32.offset()));
        Structs.decode(Structs.encode(s), 0, s);
        assertSame(mine, s.getByteBuffer());
        assertEquals(0xAABB_CCDDL, s.u32.get());
    }

    @Test
    void aBufferSetAfterFirstUseIsHonoured() {
        AllTypes s = new AllTypes();
        fill(s);
        byte[] before = bytes(s);

        ByteBuffer other = ByteBuffer.allocate(s.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
        s.setByteBuffer(other, 8);
        assertEquals(0, s.i32.get(), "reads the new buffer");
        s.i32.set(77);
        assertEquals(77, other.getInt(8 + s.i32.offset()), "writes the new buffer");
        Structs.decode(Buffer.buffer(before), 0, s);
        assertArrayEquals(before, Arrays.copyOfRange(other.array(), 8, 8 + s.size()));
        assertEquals(-123_456_789, s.i32.get());
        assertArrayEquals(before, bytes(s));
    }

    @Test
    void getByteBufferBeforeFirstUseKeepsJavolutionsDirectBuffer() {
        AllTypes s = new AllTypes();
        ByteBuffer javolutions = s.getByteBuffer();
        assertTrue(javolutions.isDirect());
        fill(s);
        assertSame(javolutions, s.getByteBuffer());
        AllTypes reference = new AllTypes();
        fill(reference);
        assertArrayEquals(bytes(reference), bytes(s));
    }

    @Test
    void nestedStructsReadAndWriteTheirOutersBytes() {
        Outer outer = new Outer();
        outer.head.set((byte) 1);
        outer.inner.a.set(0x0203);
        outer.inner.b.set(1.5f);
        outer.tail.set(-1);
        assertSame(outer.getByteBuffer(), outer.inner.getByteBuffer());
        byte[] expected = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 1).putShort((short) 0x0203).putFloat(1.5f).putInt(-1).array();
        assertArrayEquals(expected, bytes(outer));

        Outer decoded = Structs.decode(Buffer.buffer(expected), 0, new Outer());
        assertEquals(0x0203, decoded.inner.a.get());
        assertEquals(1.5f, decoded.inner.b.get());
        assertEquals(-1, decoded.tail.get());
    }

    @Test
    void memberArraysHoldThisClassesMembers() {
        AllTypes s = new AllTypes();
        assertInstanceOf(CStruct.Float64.class, s.f64s[1]);
        assertInstanceOf(CStruct.Unsigned16.class, s.u16s[0]);
        assertEquals(s.f64.offset() + 8 + 1 + 8, s.f64s[1].offset());
    }

    @Test
    void bitFieldsGoThroughJavolutionAndMatchItsBytes() {
        Bits fast = new Bits();
        fast.low.set((short) 5);
        fast.high.set((short) 17);
        fast.whole.set((byte) -3);
        Bits javolution = new Bits();
        javolution.setByteBuffer(ByteBuffer.allocateDirect(javolution.size()).order(ByteOrder.LITTLE_ENDIAN), 0);
        javolution.low.set((short) 5);
        javolution.high.set((short) 17);
        javolution.whole.set((byte) -3);
        assertEquals(2, fast.size());
        assertArrayEquals(bytes(javolution), bytes(fast));
        assertEquals(5, fast.low.get());
        assertEquals(17, fast.high.get());
        assertEquals(-3, fast.whole.get());
    }

    @Test
    void buffersWithoutAnArrayAreCopiedThroughTheirAccessors() {
        AllTypes s = new AllTypes();
        fill(s);
        byte[] expected = bytes(s);
        Buffer offHeap = BufferInternal.buffer(Unpooled.directBuffer(4));
        offHeap.appendByte((byte) 9);
        assertEquals(1 + s.size(), Structs.encodeAt(offHeap, 1, s));
        assertArrayEquals(expected, offHeap.getBytes(1, 1 + s.size()));
        AllTypes back = Structs.decode(offHeap, 1, new AllTypes());
        assertSameValues(s, back);
    }

    @Test
    void encodeAtGrowsTheBufferAndOverwritesInside() {
        AllTypes s = new AllTypes();
        fill(s);
        byte[] expected = bytes(s);
        Buffer buffer = Buffer.buffer().appendString("ab");
        assertEquals(2 + s.size(), Structs.encodeAt(buffer, 2, s));
        assertEquals(2 + s.size(), buffer.length());
        assertArrayEquals(expected, buffer.getBytes(2, 2 + s.size()));
        Buffer longer = Buffer.buffer(new byte[3 * s.size()]);
        Structs.encodeAt(longer, s.size(), s);
        assertEquals(3 * s.size(), longer.length());
        assertArrayEquals(new byte[s.size()], longer.getBytes(0, s.size()));
        assertArrayEquals(expected, longer.getBytes(s.size(), 2 * s.size()));
        assertArrayEquals(new byte[s.size()], longer.getBytes(2 * s.size(), 3 * s.size()));
    }
}
