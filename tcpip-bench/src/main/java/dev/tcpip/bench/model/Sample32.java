package dev.tcpip.bench.model;

import dev.tcpip.struct.CStruct;

/**
 * The 32-byte struct that the benchmarks send and decode: packed, little-endian, as ctypes would lay out
 * <pre>
 * class Sample32(ctypes.LittleEndianStructure):
 *     _pack_ = 1
 *     _fields_ = [("sequence", ctypes.c_uint32), ("status", ctypes.c_int32),
 *                 ("timestamp", ctypes.c_double), ("value", ctypes.c_double), ("counter", ctypes.c_int64)]
 * </pre>
 * <pre>
 * offset  0: uint32  sequence
 * offset  4: int32   status
 * offset  8: float64 timestamp
 * offset 16: float64 value
 * offset 24: int64   counter
 * size   32
 * </pre>
 */
public final class Sample32 extends CStruct {
    /** Size on the wire, in bytes. */
    public static final int SIZE = 32;

    /** A sequence number. */
    public final Unsigned32 sequence = new Unsigned32();
    /** A status code. */
    public final Signed32 status = new Signed32();
    /** Seconds since the Unix epoch. */
    public final Float64 timestamp = new Float64();
    /** A measured value. */
    public final Float64 value = new Float64();
    /** A running count. */
    public final Signed64 counter = new Signed64();
}
