package dev.tcpip.struct.golden;

import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.golden.Golden.Difference;
import dev.tcpip.struct.golden.Golden.Vector;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte comparison of the golden tests catches a single wrong byte and says where: the same values in a
 * struct that differs from its ctypes twin in one member must not match the golden vector.
 */
class GoldenComparisonTest {

    /** ScalarsLE with javolution's own Bool, which writes 0xFF for true (ctypes writes 0x01). */
    public static final class ScalarsLEWithJavolutionBool extends CStruct {
        public final javolution.io.Struct.Bool flag = new javolution.io.Struct.Bool();
        public final Signed8 i8 = new Signed8();
        public final Unsigned8 u8 = new Unsigned8();
        public final Signed16 i16 = new Signed16();
        public final Unsigned16 u16 = new Unsigned16();
        public final Signed32 i32 = new Signed32();
        public final Unsigned32 u32 = new Unsigned32();
        public final Signed64 i64 = new Signed64();
        public final Unsigned64 u64 = new Unsigned64();
        public final Float32 f32 = new Float32();
        public final Float64 f64 = new Float64();
    }

    /** ScalarsLE with u32 declared 16 bits wide. */
    public static final class ScalarsLEWithNarrowU32 extends CStruct {
        public final Bool flag = new Bool();
        public final Signed8 i8 = new Signed8();
        public final Unsigned8 u8 = new Unsigned8();
        public final Signed16 i16 = new Signed16();
        public final Unsigned16 u16 = new Unsigned16();
        public final Signed32 i32 = new Signed32();
        public final Unsigned16 u32 = new Unsigned16();
        public final Signed64 i64 = new Signed64();
        public final Unsigned64 u64 = new Unsigned64();
        public final Float32 f32 = new Float32();
        public final Float64 f64 = new Float64();
    }

    private static byte[] encodeWithValuesOf(CStruct struct, Vector v) {
        Golden.fill(struct, v.values());
        return Structs.encode(struct).getBytes();
    }

    @Test
    void theRightStructMatches() {
        Vector v = Golden.vector("scalars_le_max");
        assertEquals(Optional.empty(), Golden.compare("ScalarsLE", v.bytes(),
            encodeWithValuesOf(new GoldenStructs.ScalarsLE(), v)));
    }

    @Test
    void javolutionsBoolIsCaughtAtOffsetZero() {
        Vector v = Golden.vector("scalars_le_max");   // flag true
        byte[] actual = encodeWithValuesOf(new ScalarsLEWithJavolutionBool(), v);
        Difference d = Golden.compare("ScalarsLE", v.bytes(), actual).orElseThrow();
        assertEquals(0, d.offset());
        assertEquals("ScalarsLE.flag (bool, byte 0 of 1)", d.field());
        assertEquals(0x01, d.expected());
        assertEquals(0xFF, d.actual());
        // one byte differs, nothing else
        assertTrue(Arrays.equals(v.bytes(), 1, v.bytes().length, actual, 1, actual.length));

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
            () -> Golden.assertBytes("javolution Bool", "ScalarsLE", v.bytes(), actual));
        assertTrue(e.getMessage().contains("first difference at offset 0 (ScalarsLE.flag (bool, byte 0 of 1)): "
            + "expected 0x01, got 0xff"), e.getMessage());
    }

    @Test
    void aFieldOfTheWrongWidthIsCaughtWhereTheBytesFirstDiffer() {
        Vector v = Golden.vector("scalars_le_mixed");   // u32 = 0xDEADBEEF at offset 11: ef be ad de
        ScalarsLEWithNarrowU32 narrow = new ScalarsLEWithNarrowU32();
        Golden.fill(narrow, v.values().copy().put("u32", 0xBEEF));   // what fits in 16 bits
        byte[] actual = Structs.encode(narrow).getBytes();
        assertEquals(41, actual.length);
        Difference d = Golden.compare("ScalarsLE", v.bytes(), actual).orElseThrow();
        // ef be match (the low 16 bits), then the Java i64 starts where ctypes still has u32's ad de
        assertEquals(13, d.offset());
        assertEquals("ScalarsLE.u32 (uint32_t, byte 2 of 4)", d.field());
        assertEquals(0xAD, d.expected());
    }

    @Test
    void aMissingTailIsReportedAtTheShorterLength() {
        Vector v = Golden.vector("scalars_aligned_mixed");
        byte[] shorter = Arrays.copyOf(v.bytes(), v.bytes().length - 7);   // without the end padding
        Difference d = Golden.compare("ScalarsAligned", v.bytes(), shorter).orElseThrow();
        assertEquals(65, d.offset());
        assertEquals("ScalarsAligned: padding at the end", d.field());
        assertEquals(-1, d.actual());
    }

    @Test
    void offsetsInNestedStructsAndArraysAreNamed() {
        assertEquals("Deep.holder.inner.value (double, byte 0 of 8)", Golden.describe("Deep", 56 + 1 + 8));
        assertEquals("Deep.items[1]: padding before value", Golden.describe("Deep", 8 + 24 + 1));
        assertEquals("AllArrays.grid[1][2] (int16_t, byte 1 of 2)", Golden.describe("AllArrays", 112 + 11));
        assertEquals("AllArrays.names[1] (char[7], byte 3 of 7)", Golden.describe("AllArrays", 91 + 7 + 3));
        assertEquals("EnvelopeBE.points[1].y (int16_t, byte 0 of 2)", Golden.describe("EnvelopeBE", 32 + 4 + 2));
        assertEquals("ScalarsAligned: padding before f64", Golden.describe("ScalarsAligned", 3));
    }
}
