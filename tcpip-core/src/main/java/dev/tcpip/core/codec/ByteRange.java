package dev.tcpip.core.codec;

import dev.tcpip.core.internal.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** Part of a buffer as an array range: the buffer's own array when it has one (no copy), else a copy. */
final class ByteRange {
    final byte[] array;
    final int offset;
    final int length;

    private ByteRange(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /**
     * @throws IndexOutOfBoundsException if the range is not within the buffer
     */
    static ByteRange of(Buffer bytes, int start, int end) {
        if (start < 0 || end < start || end > bytes.length()) {
            throw new IndexOutOfBoundsException("range " + start + ".." + end + " of a buffer of " + bytes.length());
        }
        ByteBuf buf = VertxInternals.unwrap(bytes);
        if (buf != null && buf.hasArray()) {
            return new ByteRange(buf.array(), buf.arrayOffset() + buf.readerIndex() + start, end - start);
        }
        return new ByteRange(bytes.getBytes(start, end), 0, end - start);
    }

    boolean isAscii() {
        for (int i = offset, stop = offset + length; i < stop; i++) {
            if (array[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when every byte is ASCII and none is NUL (0). */
    boolean isAsciiWithoutNul() {
        for (int i = offset, stop = offset + length; i < stop; i++) {
            if (array[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as ISO-8859-1 text: exact for ASCII, and for any byte in ISO-8859-1. */
    String latin1() {
        return new String(array, offset, length, StandardCharsets.ISO_8859_1);
    }
}
