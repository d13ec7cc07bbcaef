package dev.tcpip.core.framing;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.LineTooLongException;
import io.vertx.core.buffer.Buffer;

/**
 * Frames that each end with a delimiter, such as lines ending in CR LF (Python's {@code readuntil}, Netty's
 * {@code DelimiterBasedFrameDecoder}):
 * <pre>
 * +------------------------------+-----------+------------------------------+-----------+
 * | frame: at most max bytes     | delimiter | frame                        | delimiter |
 * +------------------------------+-----------+------------------------------+-----------+
 * </pre>
 * A frame is the bytes before the delimiter; {@link #withDelimiterKept()} includes the delimiter in it, as
 * Python's {@code readuntil} does. A frame longer than the maximum fails the read with
 * {@link LineTooLongException} as soon as the maximum is passed; its bytes are thrown away through the next
 * delimiter as they arrive, never buffered, so the next read starts on the next frame. At end of stream an
 * unfinished frame fails the read with {@link IncompleteReadException} holding its bytes, or, with
 * {@link #withPartialAtEnd()}, is returned as the last frame (Python's {@code readline}).
 */
public final class Delimited implements Framing<Buffer> {
    private final Buffer delimiter;
    private final int maxFrameLength;
    private final boolean keepDelimiter;
    private final boolean partialAtEnd;

    private Delimited(Buffer delimiter, int maxFrameLength, boolean keepDelimiter, boolean partialAtEnd) {
        this.delimiter = delimiter;
        this.maxFrameLength = maxFrameLength;
        this.keepDelimiter = keepDelimiter;
        this.partialAtEnd = partialAtEnd;
    }

    /**
     * Creates the framing; frames exclude the delimiter, and an unfinished frame at end of stream fails.
     *
     * @param delimiter      a non-empty byte sequence (copied)
     * @param maxFrameLength the most bytes a frame may hold, delimiter excluded (&gt; 0)
     * @return the framing
     * @throws IllegalArgumentException if the delimiter is empty or the maximum is not positive
     */
    public static Delimited of(Buffer delimiter, int maxFrameLength) {
        if (delimiter == null || delimiter.length() == 0) {
            throw new IllegalArgumentException("delimiter must be a non-empty byte sequence");
        }
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength must be > 0, got " + maxFrameLength);
        }
        return new Delimited(delimiter.copy(), maxFrameLength, false, false);
    }

    /**
     * {@return the same framing with the delimiter included at the end of each frame it reads}
     */
    public Delimited withDelimiterKept() {
        return new Delimited(delimiter, maxFrameLength, true, partialAtEnd);
    }

    /**
     * {@return the same framing, returning an unfinished frame at end of stream (possibly empty) instead of
     *     failing}
     */
    public Delimited withPartialAtEnd() {
        return new Delimited(delimiter, maxFrameLength, keepDelimiter, true);
    }

    /**
     * {@return a copy of the delimiter}
     */
    public Buffer delimiter() {
        return delimiter.copy();
    }

    @Override
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public FrameDecoder<Buffer> newDecoder() {
        return new Decoder();
    }

    /**
     * Encodes a frame: its bytes, then the delimiter (with {@link #withDelimiterKept()}, a frame that
     * already ends with the delimiter is sent as it is).
     *
     * @param frame the frame's bytes
     * @return the bytes on the wire
     * @throws IllegalArgumentException if the frame is longer than the maximum
     */
    @Override
    public Buffer encode(Buffer frame) {
        int length = frame.length();
        boolean ended = keepDelimiter && endsWithDelimiter(frame);
        int body = ended ? length - delimiter.length() : length;
        if (body > maxFrameLength) {
            throw new IllegalArgumentException("frame of " + body + " bytes is longer than the maximum of " + maxFrameLength);
        }
        return ended ? frame : Buffer.buffer(length + delimiter.length()).appendBuffer(frame).appendBuffer(delimiter);
    }

    private boolean endsWithDelimiter(Buffer frame) {
        int dlen = delimiter.length();
        int start = frame.length() - dlen;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < dlen; i++) {
            if (frame.getByte(start + i) != delimiter.getByte(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return true for a delimited framing with the same delimiter, maximum and options}
     *
     * @param o another object
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Delimited)) {
            return false;
        }
        Delimited d = (Delimited) o;
        return delimiter.equals(d.delimiter) && maxFrameLength == d.maxFrameLength
            && keepDelimiter == d.keepDelimiter && partialAtEnd == d.partialAtEnd;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(delimiter, maxFrameLength, keepDelimiter, partialAtEnd);
    }

    private final class Decoder implements FrameDecoder<Buffer> {
        /** Unread bytes already known not to start the delimiter: each byte is searched once. */
        private int scanned;

        @Override
        public Buffer decode(ReadBuffer in) {
            int dlen = delimiter.length();
            int at = in.indexOf(delimiter, scanned);
            if (at >= 0) {
                if (at > maxFrameLength) {
                    in.skip(at + dlen);
                    throw new LineTooLongException(maxFrameLength);
                }
                if (keepDelimiter) {
                    return in.take(at + dlen);
                }
                Buffer frame = in.take(at);
                in.skip(dlen);
                return frame;
            }
            scanned = Math.max(0, in.available() - dlen + 1);
            if (scanned > maxFrameLength) {
                in.skipThrough(delimiter);
                throw new LineTooLongException(maxFrameLength);
            }
            return null;
        }

        @Override
        public Buffer decodeAtEnd(ReadBuffer in) {
            Buffer rest = in.take(in.available());
            if (partialAtEnd) {
                return rest;
            }
            throw new IncompleteReadException(rest, -1, in.failure());
        }
    }
}
