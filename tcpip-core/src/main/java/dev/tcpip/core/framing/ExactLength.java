package dev.tcpip.core.framing;

import dev.tcpip.core.IncompleteReadException;
import io.vertx.core.buffer.Buffer;

/**
 * Frames of a fixed number of bytes, one after another (Python's {@code readexactly(n)}, Netty's
 * {@code FixedLengthFrameDecoder}):
 * <pre>
 * +------------------+------------------+------------------+
 * | frame: n bytes   | frame: n bytes   | frame: n bytes   |
 * +------------------+------------------+------------------+
 * </pre>
 * The maximum is n itself. At end of stream an unfinished frame fails the read with
 * {@link IncompleteReadException} holding the bytes that arrived, and {@code expected()} is n.
 */
public final class ExactLength implements Framing<Buffer>, FrameDecoder<Buffer> {
    private final int length;

    private ExactLength(int length) {
        this.length = length;
    }

    /**
     * Creates the framing.
     *
     * @param length the number of bytes in each frame (&gt;= 0)
     * @return the framing
     * @throws IllegalArgumentException if the length is negative
     */
    public static ExactLength of(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("byte count must be >= 0, got " + length);
        }
        return new ExactLength(length);
    }

    @Override
    public int maxFrameLength() {
        return length;
    }

    /**
     * {@return this: the framing keeps no state per read}
     */
    @Override
    public FrameDecoder<Buffer> newDecoder() {
        return this;
    }

    @Override
    public Buffer decode(ReadBuffer in) {
        return in.available() >= length ? in.take(length) : null;
    }

    @Override
    public Buffer decodeAtEnd(ReadBuffer in) {
        throw new IncompleteReadException(in.take(in.available()), length, in.failure());
    }

    /**
     * {@return the frame as it is}
     *
     * @param frame exactly {@link #maxFrameLength()} bytes
     * @throws IllegalArgumentException for another length
     */
    @Override
    public Buffer encode(Buffer frame) {
        if (frame.length() != length) {
            throw new IllegalArgumentException("frame of " + frame.length() + " bytes; this framing sends exactly " + length);
        }
        return frame;
    }
}
