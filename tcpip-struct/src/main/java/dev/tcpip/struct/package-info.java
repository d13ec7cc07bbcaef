/**
 * Fixed-layout binary structs on the wire, byte-exact with C and Python ctypes.
 *
 * <p>{@link dev.tcpip.struct.CStruct} is the base for struct definitions (a javolution
 * {@code Struct} with ctypes' defaults and javolution's differences from C fixed);
 * {@link dev.tcpip.struct.Structs} reads and writes them on tcpip-core endpoints
 * ({@code readInto}/{@code writeFrom}, as lsst.ts.tcpip's {@code read_into}/{@code write_from}) and on
 * Vert.x buffers. Header-plus-typed-body protocols are in {@link dev.tcpip.struct.message}.
 */
package dev.tcpip.struct;
