package dev.tcpip.struct;

import dev.tcpip.core.internal.VertxInternals;
import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.framing.ReadBuffer;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Structs on the wire: lsst.ts.tcpip's {@code read_into} and {@code write_from} on any tcpip-core endpoint,
 * and the same bytes to and from a Vert.x {@link Buffer} at an offset.
 *
 * <p>A struct's bytes are exactly its javolution layout, {@link Struct#size()} bytes; nothing is added (no
 * length prefix, no framing), so a C or ctypes peer reads them with one {@code recv} into the same struct.
 * These methods take any javolution {@link Struct}; subclass {@link CStruct} for ctypes-exact layouts.
 *
 * <pre>{@code
 * Structs.writeFrom(client, header, body);              // one write: header then body
 * Structs.readInto(client, new Telemetry())             // exactly sizeof(Telemetry) bytes
 *     .onSuccess(t -> log.info("az {}", t.azimuth.get()));
 * }</pre>
 */
public final class Structs {

    static {
        JavolutionLogCheck.quiet();
    }

    private Structs() {
    }

    /**
     * Reads exactly {@code struct.size()} bytes from the endpoint into the struct (Python's
     * {@code read_into(reader, struct)}).
     *
     * @param endpoint a connected client or server
     * @param struct   the struct to fill; its bytes are replaced when the read completes, on the endpoint's
     *                 context
     * @param <S>      the struct type
     * @return the same struct, filled; fails with {@link IncompleteReadException} (carrying the partial
     *     bytes and the expected size) if the stream ends first, whether the peer closed, half-closed
     *     ({@code shutdownOutput}) or reset the connection (the exception's cause is then the socket error;
     *     null otherwise), after the endpoint has closed the connection and called its connect callback;
     *     fails with {@link NotConnectedException} when not connected
     */
    public static <S extends Struct> Future<S> readInto(BaseClientOrServer endpoint, S struct) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(struct, "struct");
        Future<Buffer> read = endpoint.readExactly(struct.size());
        if (read.succeeded()) {
            // Served from buffered bytes: decode now, without one more Vert.x future per struct.
            try {
                return Future.succeededFuture(decode(read.result(), 0, struct));
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        return read.map(bytes -> decode(bytes, 0, struct));
    }

    /**
     * Writes the structs' bytes back to back in one write (Python's {@code write_from(writer, *structs)}).
     * The bytes are copied at this call, so the structs may be changed as soon as it returns; one write is
     * never interleaved with another writer's.
     *
     * @param endpoint a connected client or server
     * @param structs  the structs, in order
     * @return completes as {@link BaseClientOrServer#write} does (at once while the socket's write queue
     *     is below its high-water mark, else once it drains); fails with
     *     {@link NotConnectedException} when not connected
     */
    public static Future<Void> writeFrom(BaseClientOrServer endpoint, Struct... structs) {
        Objects.requireNonNull(endpoint, "endpoint");
        Buffer bytes;
        try {
            bytes = encode(structs);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return endpoint.write(bytes);
    }

    /**
     * Adds up the sizes of structs: the number of bytes they take back to back on the wire.
     *
     * @param structs the structs
     * @return the sum of their sizes in bytes
     */
    public static int sizeOf(Struct... structs) {
        int total = 0;
        for (Struct s : structs) {
            total = Math.addExact(total, Objects.requireNonNull(s, "struct").size());
        }
        return total;
    }

    /**
     * Encodes structs back to back into a new buffer, exactly their bytes with nothing between them.
     *
     * @param structs the structs, in order
     * @return a new buffer holding their bytes back to back
     */
    public static Buffer encode(Struct... structs) {
        return appendTo(Buffer.buffer(sizeOf(structs)), structs);
    }

    /**
     * Appends the structs' bytes to a buffer.
     *
     * @param buffer  the buffer to grow
     * @param structs the structs, in order
     * @return the same buffer
     */
    public static Buffer appendTo(Buffer buffer, Struct... structs) {
        Objects.requireNonNull(buffer, "buffer");
        for (Struct s : structs) {
            encodeAt(buffer, buffer.length(), s);
        }
        return buffer;
    }

    /**
     * Writes a struct's bytes into a buffer at an offset, growing the buffer if they reach past its end.
     *
     * @param buffer the buffer
     * @param offset where the struct's first byte goes, from 0 to {@code buffer.length()}
     * @param struct the struct
     * @return the offset just past the struct's bytes
     * @throws IndexOutOfBoundsException if the offset is negative or past the buffer's end
     */
    public static int encodeAt(Buffer buffer, int offset, Struct struct) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(struct, "struct");
        if (offset < 0 || offset > buffer.length()) {
            throw new IndexOutOfBoundsException(
                "offset " + offset + " is outside the buffer (length " + buffer.length() + ")");
        }
        byte[] fast = CStruct.prepare(struct);
        int size = struct.size();
        int at = struct.getByteBufferPosition();
        if (offset > buffer.length() - size) {
            // Grow first (the buffer may move to a larger array), then copy in place.
            buffer.setByte(offset + size - 1, (byte) 0);
        }
        ByteBuf bytes = heapBytes(buffer);
        if (bytes != null && fast != null) {
            // Array to array: the common case, a CStruct and a Vert.x buffer.
            System.arraycopy(fast, at, bytes.array(), bytes.arrayOffset() + offset, size);
            return offset + size;
        }
        ByteBuffer own = struct.getByteBuffer();
        if (bytes != null) {
            // Straight into the buffer's array: no slice, no copy through an intermediate.
            own.get(at, bytes.array(), bytes.arrayOffset() + offset, size);
        } else if (own.hasArray()) {
            buffer.setBytes(offset, own.array(), own.arrayOffset() + at, size);
        } else {
            buffer.setBytes(offset, own.slice(at, size));
        }
        return offset + size;
    }

    /**
     * The Netty buffer behind a Vert.x buffer when its bytes are a plain, writable Java array (Vert.x's own
     * buffers are); its indexes are the Vert.x buffer's. Otherwise null, and the copy goes through the
     * {@link Buffer} methods.
     */
    private static ByteBuf heapBytes(Buffer buffer) {
        ByteBuf bytes = VertxInternals.unwrap(buffer);
        return bytes != null && bytes.hasArray() ? bytes : null;
    }

    /**
     * Fills a struct from {@code struct.size()} bytes of a buffer, starting at an offset.
     *
     * @param buffer the buffer
     * @param offset where the struct's first byte is
     * @param struct the struct to fill
     * @param <S>    the struct type
     * @return the same struct
     * @throws IndexOutOfBoundsException if the buffer does not hold {@code struct.size()} bytes at the offset
     *     (the message says how many were needed and how many there are)
     */
    public static <S extends Struct> S decode(Buffer buffer, int offset, S struct) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(struct, "struct");
        int size = struct.size();
        if (offset < 0 || offset > buffer.length() - size) {
            throw new IndexOutOfBoundsException("a " + struct.getClass().getSimpleName() + " needs " + size
                + " bytes at offset " + offset + ", the buffer has " + buffer.length() + " bytes");
        }
        byte[] fast = CStruct.prepare(struct);
        int at = struct.getByteBufferPosition();
        ByteBuf bytes = heapBytes(buffer);
        if (bytes != null && fast != null) {
            // Array to array: the common case, a CStruct and a Vert.x buffer.
            System.arraycopy(bytes.array(), bytes.arrayOffset() + offset, fast, at, size);
            return struct;
        }
        ByteBuffer own = struct.getByteBuffer();
        if (bytes != null) {
            // Straight from the buffer's array: no slice, no copy through an intermediate.
            own.put(at, bytes.array(), bytes.arrayOffset() + offset, size);
        } else if (own.hasArray()) {
            buffer.getBytes(offset, offset + size, own.array(), own.arrayOffset() + at);
        } else {
            own.put(at, buffer.getBytes(offset, offset + size));
        }
        return struct;
    }

    /**
     * Fills a struct from {@code struct.size()} unread bytes of a {@link ReadBuffer}, starting at an index,
     * without taking them: for a {@link dev.tcpip.core.framing.FrameDecoder} that decodes a header or a body
     * straight from the bytes received (then {@link ReadBuffer#skip(long) skips} them), with no buffer allocated
     * on the way for a {@link CStruct}.
     *
     * @param in     the decoder's unread bytes
     * @param from   the index of the struct's first byte, from 0
     * @param struct the struct to fill
     * @param <S>    the struct type
     * @return the same struct
     * @throws IndexOutOfBoundsException if fewer than {@code struct.size()} bytes are unread at that index
     */
    public static <S extends Struct> S decode(ReadBuffer in, int from, S struct) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(struct, "struct");
        int size = struct.size();
        if (from < 0 || from > in.available() - size) {
            throw new IndexOutOfBoundsException("a " + struct.getClass().getSimpleName() + " needs " + size
                + " bytes at index " + from + ", " + in.available() + " are unread");
        }
        byte[] fast = CStruct.prepare(struct);
        if (fast != null) {
            in.getBytes(from, from + size, fast, struct.getByteBufferPosition());
            return struct;
        }
        return decode(in.copy(from, from + size), 0, struct);
    }
}
