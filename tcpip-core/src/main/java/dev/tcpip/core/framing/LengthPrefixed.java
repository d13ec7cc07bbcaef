package dev.tcpip.core.framing;

import dev.tcpip.core.IncompleteReadException;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteOrder;

/**
 * Frames that each start with their length (Netty's {@code LengthFieldBasedFrameDecoder} with the length
 * at offset 0, qsocket's {@code struct.pack("!i", n)} header):
 * <pre>
 * +----------------------+----------------------------------+----------------------+------
 * | length: W bytes      | body: length bytes               | length: W bytes      | ...
 * | (1, 2, 4 or 8; big-  | (length - W bytes when the       |                      |
 * |  or little-endian)   |  length counts its header too)   |                      |
 * +----------------------+----------------------------------+----------------------+------
 * </pre>
 * A frame is the body; the header is not part of it. A length of 1 or 2 bytes is unsigned (0 to 255, 0 to
 * 65,535); one of 4 or 8 bytes is signed, as a C {@code int32_t} or {@code int64_t}, and a negative length
 * is rejected. The maximum is checked on the header, before any of the body is buffered: a length over it
 * fails the read with {@link FrameLengthException} naming the declared and the allowed size, and the body
 * is then thrown away as it arrives, so the next read starts on the next frame; a negative length fails it
 * too, and the stream cannot be followed after it (close the connection). A frame is taken whole or not at
 * all. At end of stream an unfinished frame fails the read with {@link IncompleteReadException}: the bytes
 * of the header that arrived and {@code expected()} = W, or, once the header is complete, the bytes of the
 * body and {@code expected()} = the body's length.
 *
 * <pre>{@code
 * LengthPrefixed framing = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20);   // "!i" + body, 1 MiB max
 * }</pre>
 */
public final class LengthPrefixed implements Framing<Buffer>, FrameDecoder<Buffer> {
    private final int width;
    private final ByteOrder order;
    private final int maxFrameLength;
    private final boolean lengthIncludesHeader;

    private LengthPrefixed(int width, ByteOrder order, int maxFrameLength, boolean lengthIncludesHeader) {
        this.width = width;
        this.order = order;
        this.maxFrameLength = maxFrameLength;
        this.lengthIncludesHeader = lengthIncludesHeader;
    }

    /**
     * Creates the framing; the length counts the body only.
     *
     * @param lengthWidth    bytes in the length header: 1, 2, 4 or 8
     * @param order          the header's byte order ({@link ByteOrder#BIG_ENDIAN} is network order)
     * @param maxFrameLength the most bytes a body may hold (&gt;= 0; at most 255 for a 1-byte length and
     *                       65,535 for a 2-byte one, which cannot declare more)
     * @return the framing
     * @throws IllegalArgumentException for another width, a null order, or a maximum out of range
     */
    public static LengthPrefixed of(int lengthWidth, ByteOrder order, int maxFrameLength) {
        if (lengthWidth != 1 && lengthWidth != 2 && lengthWidth != 4 && lengthWidth != 8) {
            throw new IllegalArgumentException("lengthWidth must be 1, 2, 4 or 8, got " + lengthWidth);
        }
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        if (maxFrameLength < 0 || maxFrameLength > largestLength(lengthWidth)) {
            throw new IllegalArgumentException("maxFrameLength must be 0 to " + largestLength(lengthWidth)
                + " for a " + lengthWidth + "-byte length, got " + maxFrameLength);
        }
        return new LengthPrefixed(lengthWidth, order, maxFrameLength, false);
    }

    private static long largestLength(int width) {
        return width == 1 ? 0xFF : width == 2 ? 0xFFFF : Integer.MAX_VALUE - 8;
    }

    /**
     * {@return the same framing, with a length that counts the header's own bytes too (length = W + body)}
     */
    public LengthPrefixed withLengthIncludingHeader() {
        if (width <= 2 && maxFrameLength + width > largestLength(width)) {
            throw new IllegalArgumentException("a " + width + "-byte length that counts its header allows frames of at most "
                + (largestLength(width) - width) + " bytes; the maximum is " + maxFrameLength);
        }
        return new LengthPrefixed(width, order, maxFrameLength, true);
    }

    /**
     * {@return the number of bytes in the length header}
     */
    public int lengthWidth() {
        return width;
    }

    /**
     * {@return the byte order of the length header}
     */
    public ByteOrder order() {
        return order;
    }

    /**
     * {@return true if the length counts the header's own bytes too}
     */
    public boolean lengthIncludesHeader() {
        return lengthIncludesHeader;
    }

    @Override
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * {@return this: the framing keeps no state per read (the header is read again until the frame is whole)}
     */
    @Override
    public FrameDecoder<Buffer> newDecoder() {
        return this;
    }

    @Override
    public Buffer decode(ReadBuffer in) {
        int available = in.available();
        if (available < width) {
            return null;
        }
        long body = bodyLength(in);
        if (body < 0) {
            in.skip(width);
            throw new FrameLengthException(body, maxFrameLength);
        }
        if (body > maxFrameLength) {
            in.skip(width + body);
            throw new FrameLengthException(body, maxFrameLength);
        }
        if (available - width < body) {
            return null;
        }
        in.skip(width);
        return in.take((int) body);
    }

    @Override
    public Buffer decodeAtEnd(ReadBuffer in) {
        if (in.available() < width) {
            throw new IncompleteReadException(in.take(in.available()), width, in.failure());
        }
        int body = (int) bodyLength(in);   // decode() has checked it: 0 to the maximum, not all here
        in.skip(width);
        throw new IncompleteReadException(in.take(in.available()), body, in.failure());
    }

    /** The body length the header declares: unsigned for 1 and 2 bytes, signed for 4 and 8. */
    private long bodyLength(ReadBuffer in) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int b = in.getByte(order == ByteOrder.BIG_ENDIAN ? i : width - 1 - i) & 0xFF;
            value = (value << 8) | b;
        }
        if (width == 4) {
            value = (int) value;
        }
        return lengthIncludesHeader ? value - width : value;
    }

    /**
     * Encodes a frame: the length header, then the body.
     *
     * @param body the frame's bytes
     * @return header and body
     * @throws IllegalArgumentException if the body is longer than the maximum
     */
    @Override
    public Buffer encode(Buffer body) {
        return appendHeader(Buffer.buffer(width + body.length()), body.length()).appendBuffer(body);
    }

    /**
     * The header of a frame whose body has {@code length} bytes: for writing a large body after it without
     * first copying the body into one buffer with its header, as {@link #encode(Buffer)} does.
     *
     * @param length the body's length
     * @return the header's bytes
     * @throws IllegalArgumentException if the length is negative or longer than the maximum
     */
    public Buffer header(int length) {
        return appendHeader(Buffer.buffer(width), length);
    }

    private Buffer appendHeader(Buffer into, int length) {
        if (length < 0 || length > maxFrameLength) {
            throw new IllegalArgumentException("frame of " + length + " bytes is longer than the maximum of " + maxFrameLength);
        }
        long declared = lengthIncludesHeader ? length + (long) width : length;
        for (int i = 0; i < width; i++) {
            int shift = 8 * (order == ByteOrder.BIG_ENDIAN ? width - 1 - i : i);
            into.appendByte((byte) (declared >>> shift));
        }
        return into;
    }
}
