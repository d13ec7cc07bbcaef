package dev.tcpip.core.framing;

import io.vertx.core.buffer.Buffer;

/**
 * Whatever bytes have arrived, up to a maximum (Python's {@code read(n)}): a read completes as soon as
 * at least one byte is buffered, with at most n of them. There are no frame boundaries on the wire:
 * <pre>
 * +-----------------------------------------------+
 * | bytes, read in pieces of 1 to n bytes         |
 * +-----------------------------------------------+
 * </pre>
 * At end of stream a read returns an empty buffer (and so does every read with n = 0).
 */
public final class UpTo implements Framing<Buffer>, FrameDecoder<Buffer> {
    private final int max;

    private UpTo(int max) {
        this.max = max;
    }

    /**
     * Creates the framing.
     *
     * @param max the most bytes a read returns (&gt;= 0)
     * @return the framing
     * @throws IllegalArgumentException if max is negative
     */
    public static UpTo of(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("byte count must be >= 0, got " + max);
        }
        return new UpTo(max);
    }

    @Override
    public int maxFrameLength() {
        return max;
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
        int available = in.available();
        if (available == 0 && max > 0) {
            return null;
        }
        return in.take(Math.min(max, available));
    }

    /**
     * {@return an empty buffer: the end of the stream}
     */
    @Override
    public Buffer decodeAtEnd(ReadBuffer in) {
        return Buffer.buffer(0);
    }

    /**
     * {@return the bytes as they are}
     *
     * @param frame at most {@link #maxFrameLength()} bytes
     * @throws IllegalArgumentException if longer
     */
    @Override
    public Buffer encode(Buffer frame) {
        if (frame.length() > max) {
            throw new IllegalArgumentException("frame of " + frame.length() + " bytes is longer than the maximum of " + max);
        }
        return frame;
    }
}
