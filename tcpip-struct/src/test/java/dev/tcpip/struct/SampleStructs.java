package dev.tcpip.struct;

import java.nio.ByteOrder;

/** Small structs shared by tests. */
final class SampleStructs {
    private SampleStructs() {
    }

    /** struct { double a_double; int64_t three_ints[3]; } packed: lsst.ts.tcpip's TrivialStruct. */
    public static final class Trivial extends CStruct {
        public final Float64 aDouble = new Float64();
        public final Signed64[] threeInts = array(new Signed64[3]);
    }

    /** struct { uint8_t a; double b; bool c; uint16_t d; } with natural alignment: 24 bytes. */
    public static final class Aligned extends CStruct {
        public final Unsigned8 a = new Unsigned8();
        public final Float64 b = new Float64();
        public final Bool c = new Bool();
        public final Unsigned16 d = new Unsigned16();

        @Override
        public boolean isPacked() {
            return false;
        }
    }

    /** struct { uint32_t id; char name[8]; bool flags[2]; uint64_t big; } big-endian, packed. */
    public static final class Network extends CStruct {
        public final Unsigned32 id = new Unsigned32();
        public final UTF8String name = new UTF8String(8);
        public final Bool[] flags = array(new Bool[2]);
        public final Unsigned64 big = new Unsigned64();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }
}
