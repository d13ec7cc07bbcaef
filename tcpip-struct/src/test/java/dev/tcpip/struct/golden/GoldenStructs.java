package dev.tcpip.struct.golden;

import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.message.StandardHeader;
import javolution.io.Struct;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Java twins of the ctypes structs in {@code src/test/python/golden_structs.py}: same names, same fields
 * in the same order (snake_case there, camelCase here). Public, with public constructors, because javolution
 * creates the elements of struct arrays reflectively.
 */
public final class GoldenStructs {
    private GoldenStructs() {
    }

    /** Every struct of the golden file, by its ctypes name. */
    static final Map<String, Supplier<? extends Struct>> BY_NAME = byName();

    private static Map<String, Supplier<? extends Struct>> byName() {
        Map<String, Supplier<? extends Struct>> m = new LinkedHashMap<>();
        m.put("ScalarsLE", ScalarsLE::new);
        m.put("ScalarsBE", ScalarsBE::new);
        m.put("ScalarsAligned", ScalarsAligned::new);
        m.put("Point", Point::new);
        m.put("AllArrays", AllArrays::new);
        m.put("Strings", Strings::new);
        m.put("Inner", Inner::new);
        m.put("PackedInner", PackedInner::new);
        m.put("PackedHoldsAligned", PackedHoldsAligned::new);
        m.put("AlignedHoldsPacked", AlignedHoldsPacked::new);
        m.put("Deep", Deep::new);
        m.put("PointBE", PointBE::new);
        m.put("InnerBE", InnerBE::new);
        m.put("EnvelopeBE", EnvelopeBE::new);
        m.put("MixedOrder", MixedOrder::new);   // refused: its constructor throws
        m.put("StandardHeader", StandardHeader::new);   // the library's own header
        return Map.copyOf(m);
    }

    /** Every scalar type, packed, little-endian (the CStruct defaults). */
    public static final class ScalarsLE extends CStruct {
        public final Bool flag = new Bool();
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

    /** Every scalar type, packed, big-endian. */
    public static final class ScalarsBE extends CStruct {
        public final Bool flag = new Bool();
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

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Every scalar type, natural alignment: padding in the middle and at the end. */
    public static final class ScalarsAligned extends CStruct {
        public final Unsigned8 u8 = new Unsigned8();
        public final Float64 f64 = new Float64();
        public final Bool flag = new Bool();
        public final Unsigned16 u16 = new Unsigned16();
        public final Signed32 i32 = new Signed32();
        public final Signed8 i8 = new Signed8();
        public final Unsigned64 u64 = new Unsigned64();
        public final Signed16 i16 = new Signed16();
        public final Float32 f32 = new Float32();
        public final Unsigned32 u32 = new Unsigned32();
        public final Signed64 i64 = new Signed64();
        public final Bool tail = new Bool();

        @Override
        public boolean isPacked() {
            return false;
        }
    }

    /** Two int32, packed. */
    public static final class Point extends CStruct {
        public final Signed32 x = new Signed32();
        public final Signed32 y = new Signed32();
    }

    /** Arrays of every scalar type, booleans, strings, 2-D, structs; packed. */
    public static final class AllArrays extends CStruct {
        public final Bool[] flags = array(new Bool[3]);
        public final Signed8[] i8s = array(new Signed8[2]);
        public final Unsigned8[] u8s = array(new Unsigned8[4]);
        public final Signed16[] i16s = array(new Signed16[3]);
        public final Unsigned16[] u16s = array(new Unsigned16[2]);
        public final Signed32[] i32s = array(new Signed32[2]);
        public final Unsigned32[] u32s = array(new Unsigned32[2]);
        public final Signed64[] i64s = array(new Signed64[2]);
        public final Unsigned64[] u64s = array(new Unsigned64[2]);
        public final Float32[] f32s = array(new Float32[2]);
        public final Float64[] f64s = array(new Float64[2]);
        public final UTF8String[] names = array(new UTF8String[3], 7);
        public final Signed16[][] grid = array(new Signed16[2][3]);
        public final Point[] points = array(new Point[2]);
        public final Unsigned8 end = new Unsigned8();
    }

    /** char[N] fields holding UTF-8 text, packed. */
    public static final class Strings extends CStruct {
        public final UTF8String city = new UTF8String(8);
        public final UTF8String euro = new UTF8String(4);
        public final UTF8String cjk = new UTF8String(9);
        public final UTF8String emoji = new UTF8String(4);
        public final UTF8String ascii = new UTF8String(5);
        public final UTF8String empty = new UTF8String(3);
        public final UTF8String mixed = new UTF8String(24);
        public final Unsigned16 after = new Unsigned16();
    }

    /** uint8, double, uint16 with natural alignment: 24 bytes. */
    public static final class Inner extends CStruct {
        public final Unsigned8 tag = new Unsigned8();
        public final Float64 value = new Float64();
        public final Unsigned16 count = new Unsigned16();

        @Override
        public boolean isPacked() {
            return false;
        }
    }

    /** The same fields packed: 11 bytes. */
    public static final class PackedInner extends CStruct {
        public final Unsigned8 tag = new Unsigned8();
        public final Float64 value = new Float64();
        public final Unsigned16 count = new Unsigned16();
    }

    /** A packed struct holding an aligned one. */
    public static final class PackedHoldsAligned extends CStruct {
        public final Unsigned8 head = new Unsigned8();
        public final Inner inner = inner(new Inner());
        public final UTF8String label = new UTF8String(3);
        public final Bool tail = new Bool();
    }

    /** An aligned struct holding packed ones and an aligned one. */
    public static final class AlignedHoldsPacked extends CStruct {
        public final Unsigned8 head = new Unsigned8();
        public final PackedInner packed = inner(new PackedInner());
        public final UTF8String code = new UTF8String(3);
        public final Unsigned32 x = new Unsigned32();
        public final Inner inner = inner(new Inner());
        public final PackedInner[] more = array(new PackedInner[2]);
        public final Bool flag = new Bool();
        public final Unsigned16 tail = new Unsigned16();

        @Override
        public boolean isPacked() {
            return false;
        }
    }

    /** Three levels of nesting. */
    public static final class Deep extends CStruct {
        public final Unsigned16 id = new Unsigned16();
        public final Inner[] items = array(new Inner[2]);
        public final PackedHoldsAligned holder = inner(new PackedHoldsAligned());
        public final Signed32 last = new Signed32();

        @Override
        public boolean isPacked() {
            return false;
        }
    }

    /** Two int16, packed, big-endian. */
    public static final class PointBE extends CStruct {
        public final Signed16 x = new Signed16();
        public final Signed16 y = new Signed16();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** {@link Inner}, big-endian. */
    public static final class InnerBE extends CStruct {
        public final Unsigned8 tag = new Unsigned8();
        public final Float64 value = new Float64();
        public final Unsigned16 count = new Unsigned16();

        @Override
        public boolean isPacked() {
            return false;
        }

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** Big-endian, natural alignment, nested big-endian structs. */
    public static final class EnvelopeBE extends CStruct {
        public final Unsigned32 id = new Unsigned32();
        public final InnerBE inner = inner(new InnerBE());
        public final PointBE[] points = array(new PointBE[2]);
        public final UTF8String name = new UTF8String(6);
        public final Bool ok = new Bool();
        public final Unsigned64 big = new Unsigned64();
        public final Float32 ratio = new Float32();

        @Override
        public boolean isPacked() {
            return false;
        }

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /**
     * ctypes' MixedOrder: little-endian, holding a big-endian {@link PointBE}. javolution writes a whole struct in
     * one byte order, so CStruct refuses this declaration (IllegalArgumentException) instead of writing other
     * bytes than ctypes.
     */
    public static final class MixedOrder extends CStruct {
        public final Signed16 a = new Signed16();
        public final PointBE p = inner(new PointBE());
    }
}
