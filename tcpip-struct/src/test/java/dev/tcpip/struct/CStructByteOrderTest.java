package dev.tcpip.struct;

import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Byte order of nested structs. ctypes keeps each struct's own byte order, so a {@code BigEndianStructure}
 * nested in a little-endian {@code Structure} is still written big-endian:
 * <pre>
 * class PointBE(BigEndianStructure): _pack_ = 1; _fields_ = [("x", c_int16), ("y", c_int16)]
 * class HolderLE(LittleEndianStructure): _pack_ = 1; _fields_ = [("a", c_int16), ("p", PointBE)]
 * bytes(HolderLE(1, PointBE(1, 0x0102))).hex() == "0100" "0001" "0102"
 * </pre>
 * javolution has one byte order per buffer (the outermost struct's), so the Java twin used to write
 * {@code 0100 0100 0201}: silently different bytes. Now each CStruct has its own order (little-endian unless
 * it overrides {@code byteOrder()}), as each ctypes struct does, and nesting a struct of the other order is
 * refused when the outer struct is created.
 */
class CStructByteOrderTest {

    private static String hex(CStruct s) {
        return HexFormat.of().formatHex(Structs.encode(s).getBytes());
    }

    /** Declares its own order, as a ctypes BigEndianStructure. */
    public static final class PointBE extends CStruct {
        public final Signed16 x = new Signed16();
        public final Signed16 y = new Signed16();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Declares little-endian explicitly, as a ctypes LittleEndianStructure. */
    public static final class PointLE extends CStruct {
        public final Signed16 x = new Signed16();
        public final Signed16 y = new Signed16();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.LITTLE_ENDIAN;
        }
    }

    /** Chooses no order: little-endian, like a plain ctypes Structure on x86-64. */
    public static final class Point extends CStruct {
        public final Signed16 x = new Signed16();
        public final Signed16 y = new Signed16();
    }

    public static final class HolderLE extends CStruct {
        public final Signed16 a = new Signed16();
        public final PointBE p = inner(new PointBE());
    }

    public static final class HolderLEWithArray extends CStruct {
        public final PointBE[] points = array(new PointBE[2]);
    }

    public static final class HolderBE extends CStruct {
        public final Signed16 a = new Signed16();
        public final PointBE p = inner(new PointBE());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    public static final class HolderBEWithLE extends CStruct {
        public final PointLE p = inner(new PointLE());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Chooses no order (little-endian) but holds a big-endian struct: refused. */
    public static final class Middle extends CStruct {
        public final PointBE p = inner(new PointBE());
    }

    public static final class MiddleBE extends CStruct {
        public final Signed16 b = new Signed16();
        public final PointBE p = inner(new PointBE());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    public static final class Outer extends CStruct {
        public final MiddleBE m = inner(new MiddleBE());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Little-endian by default, holding one that declares little-endian: fine, but not inside big-endian. */
    public static final class MiddleHoldingLE extends CStruct {
        public final PointLE p = inner(new PointLE());
    }

    public static final class OuterBEHoldingMiddleHoldingLE extends CStruct {
        public final MiddleHoldingLE m = inner(new MiddleHoldingLE());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    public static final class OuterHoldingMiddleHoldingLE extends CStruct {
        public final Signed16 a = new Signed16();
        public final MiddleHoldingLE m = inner(new MiddleHoldingLE());
    }

    @Test
    void aStructOfTheOtherOrderIsRefusedAtEveryLevelOfNesting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, OuterBEHoldingMiddleHoldingLE::new);
        assertTrue(e.getMessage().startsWith("MiddleHoldingLE is LITTLE_ENDIAN but OuterBEHoldingMiddleHoldingLE, which"
            + " nests it, is BIG_ENDIAN"), e.getMessage());

        OuterHoldingMiddleHoldingLE ok = new OuterHoldingMiddleHoldingLE();
        ok.a.set((short) 1);
        ok.m.p.x.set((short) 2);
        assertEquals("0100" + "0200" + "0000", hex(ok));
    }

    @Test
    void bigEndianStructInsideALittleEndianOneIsRefusedRatherThanWrittenLittleEndian() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HolderLE::new);
        assertTrue(e.getMessage().contains("PointBE is BIG_ENDIAN but HolderLE, which nests it, is LITTLE_ENDIAN"),
            e.getMessage());
        assertThrows(IllegalArgumentException.class, HolderLEWithArray::new, "struct arrays are checked too");
    }

    @Test
    void littleEndianStructInsideABigEndianOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HolderBEWithLE::new);
        assertTrue(e.getMessage().contains("PointLE is LITTLE_ENDIAN"), e.getMessage());
    }

    @Test
    void aStructThatChoosesNoOrderIsLittleEndianAndCannotHoldABigEndianOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Middle::new);
        assertTrue(e.getMessage().contains("PointBE is BIG_ENDIAN but Middle, which nests it, is LITTLE_ENDIAN"),
            e.getMessage());
        Point alone = new Point();
        alone.y.set((short) 0x0102);
        assertEquals("0000" + "0201", hex(alone));
    }

    @Test
    void nestedStructsOfTheSameOrderAreWrittenInIt() {
        HolderBE h = new HolderBE();
        h.a.set((short) 1);
        h.p.x.set((short) 1);
        h.p.y.set((short) 0x0102);
        assertEquals("0001" + "0001" + "0102", hex(h));

        Outer o = new Outer();
        o.m.b.set((short) 0x0506);
        o.m.p.x.set((short) 0x0708);
        assertEquals("0506" + "0708" + "0000", hex(o));
    }

    @Test
    void aStandaloneDeclaredStructKeepsItsOrder() {
        PointBE p = new PointBE();
        p.x.set((short) 1);
        p.y.set((short) 0x0102);
        assertEquals("0001" + "0102", hex(p));
    }
}
