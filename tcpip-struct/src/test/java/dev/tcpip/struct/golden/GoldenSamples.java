package dev.tcpip.struct.golden;

import dev.tcpip.struct.golden.GoldenStructs.AlignedHoldsPacked;
import dev.tcpip.struct.golden.GoldenStructs.AllArrays;
import dev.tcpip.struct.golden.GoldenStructs.EnvelopeBE;
import dev.tcpip.struct.golden.GoldenStructs.ScalarsBE;
import dev.tcpip.struct.golden.GoldenStructs.ScalarsLE;
import dev.tcpip.struct.golden.GoldenStructs.Strings;
import dev.tcpip.struct.message.StandardHeader;

import java.math.BigInteger;

/**
 * Some golden vectors filled by hand through the typed setters, the way an application fills its structs
 * (the values are those of golden_structs.py). {@link GoldenTypedTest} checks they encode to the golden
 * bytes; {@link PythonPeerTest} sends them to the Python peer.
 */
final class GoldenSamples {
    static final BigInteger TWO_TO_63 = BigInteger.ONE.shiftLeft(63);

    private GoldenSamples() {
    }

    /** scalars_le_mixed. */
    static ScalarsLE scalarsLeMixed() {
        ScalarsLE s = new ScalarsLE();
        s.flag.set(true);
        s.i8.set((byte) -1);
        s.u8.set((short) 0x80);
        s.i16.set((short) -2);
        s.u16.set(0x8001);
        s.i32.set(-123456789);
        s.u32.set(0xDEADBEEFL);
        s.i64.set(-0x0102030405060708L);
        s.u64.setUnsigned(TWO_TO_63.add(BigInteger.ONE));     // 0x8000000000000001
        s.f32.set(0.1f);
        s.f64.set(Math.PI);
        return s;
    }

    /** scalars_be_max. */
    static ScalarsBE scalarsBeMax() {
        ScalarsBE s = new ScalarsBE();
        s.flag.set(true);
        s.i8.set(Byte.MAX_VALUE);
        s.u8.set((short) 255);
        s.i16.set(Short.MAX_VALUE);
        s.u16.set(65535);
        s.i32.set(Integer.MAX_VALUE);
        s.u32.set(0xFFFF_FFFFL);
        s.i64.set(Long.MAX_VALUE);
        s.u64.set(-1L);                                        // the same 64 bits as 2^64 - 1
        s.f32.set(Float.MAX_VALUE);
        s.f64.set(Double.MAX_VALUE);
        return s;
    }

    /** strings_unicode. */
    static Strings stringsUnicode() {
        Strings s = new Strings();
        s.city.set("Zürich");
        s.euro.set("€");
        s.cjk.set("東京都");              // 9 bytes in a char[9]: no terminator
        s.emoji.set("🚀");                // 4 bytes in a char[4]
        s.ascii.set("hello");            // 5 bytes in a char[5]
        s.empty.set("");
        s.mixed.set("naïve café – 5 €");
        s.after.set(0xBEEF);
        return s;
    }

    /** envelope_be. */
    static EnvelopeBE envelopeBe() {
        EnvelopeBE e = new EnvelopeBE();
        e.id.set(0x01020304L);
        e.inner.tag.set((short) 0xAA);
        e.inner.value.set(1.0);
        e.inner.count.set(0xBBCC);
        e.points[0].x.set((short) 1);
        e.points[0].y.set((short) -1);
        e.points[1].x.set((short) 0x0102);
        e.points[1].y.set((short) -0x0102);
        e.name.set("Köln");
        e.ok.set(true);
        e.big.setUnsigned(TWO_TO_63.add(BigInteger.valueOf(0x0102)));
        e.ratio.set(0.5f);
        return e;
    }

    /** aligned_holds_packed. */
    static AlignedHoldsPacked alignedHoldsPacked() {
        AlignedHoldsPacked a = new AlignedHoldsPacked();
        a.head.set((short) 0x11);
        a.packed.tag.set((short) 0x22);
        a.packed.value.set(1.25);
        a.packed.count.set(0x3344);
        a.code.set("€");
        a.x.set(0x55667788L);
        a.inner.tag.set((short) 0x99);
        a.inner.value.set(-0.0);
        a.inner.count.set(0xAABB);
        a.more[0].tag.set((short) 1);
        a.more[0].value.set(Double.POSITIVE_INFINITY);
        a.more[0].count.set(2);
        a.more[1].tag.set((short) 3);
        a.more[1].value.set(1e-300);
        a.more[1].count.set(4);
        a.flag.set(true);
        a.tail.set(0xCCDD);
        return a;
    }

    /** all_arrays. */
    static AllArrays allArrays() {
        AllArrays a = new AllArrays();
        boolean[] flags = {true, false, true};
        for (int i = 0; i < flags.length; i++) {
            a.flags[i].set(flags[i]);
        }
        a.i8s[0].set((byte) -128);
        a.i8s[1].set((byte) 127);
        short[] u8s = {0, 1, 0x7F, 0xFF};
        for (int i = 0; i < u8s.length; i++) {
            a.u8s[i].set(u8s[i]);
        }
        a.i16s[0].set((short) -1);
        a.i16s[1].set((short) 0x1234);
        a.i16s[2].set(Short.MIN_VALUE);
        a.u16s[0].set(0xFFFF);
        a.u16s[1].set(0x0102);
        a.i32s[0].set(-2);
        a.i32s[1].set(0x01020304);
        a.u32s[0].set(0xFFFF_FFFFL);
        a.u32s[1].set(0x8000_0000L);
        a.i64s[0].set(-3);
        a.i64s[1].set(0x0102030405060708L);
        a.u64s[0].setUnsigned(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO));
        a.u64s[1].setUnsigned(TWO_TO_63);
        a.f32s[0].set(1.5f);
        a.f32s[1].set(-0.0f);
        a.f64s[0].set(Math.E);
        a.f64s[1].set(Double.NEGATIVE_INFINITY);
        a.names[0].set("Zürich");           // 7 bytes in a char[7]: no terminator
        a.names[1].set("€uro");
        a.names[2].set("");
        for (int i = 0; i < 3; i++) {
            a.grid[0][i].set((short) (i + 1));
            a.grid[1][i].set((short) -(i + 4));
        }
        a.points[0].x.set(1);
        a.points[0].y.set(-1);
        a.points[1].x.set(Integer.MAX_VALUE);
        a.points[1].y.set(Integer.MIN_VALUE);
        a.end.set((short) 0xEE);
        return a;
    }

    /** standard_header. */
    static StandardHeader standardHeader() {
        StandardHeader h = new StandardHeader();
        h.messageId.set(7);
        h.sequence.set(0xFFFF_FFFEL);
        h.timestamp.set(1700000000.123456);
        h.bodySize.set(44);
        return h;
    }
}
