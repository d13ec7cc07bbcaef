package dev.tcpip.core.framing;

import dev.tcpip.core.TcpipException;

/**
 * A length-prefixed frame declared a length that cannot be read: more than the framing's maximum, or
 * negative. Raised as soon as the length header has arrived, before any of the body is buffered.
 *
 * <p>After a length over the maximum, the declared body is thrown away as it arrives (never buffered), so
 * the next read starts on the next frame. After a negative length the stream cannot be followed any more:
 * close the connection.
 */
public class FrameLengthException extends TcpipException {
    private static final long serialVersionUID = 1L;
    private final long declared;
    private final int max;

    /**
     * Creates the exception for a declared frame length.
     *
     * @param declared the frame length the header declared (body only, header excluded)
     * @param max      the framing's maximum
     */
    public FrameLengthException(long declared, int max) {
        super(declared < 0
            ? "a frame header declares a length of " + declared + " bytes: a length cannot be negative"
            : "a frame header declares " + declared + " bytes, more than the maximum of " + max);
        this.declared = declared;
        this.max = max;
    }

    /**
     * {@return the length the header declared, in bytes}
     */
    public long declaredLength() {
        return declared;
    }

    /**
     * {@return the framing's maximum, in bytes}
     */
    public int maxFrameLength() {
        return max;
    }

    /**
     * {@return true if the stream can go on: the length was too long, and the body is being skipped}
     */
    public boolean skippable() {
        return declared >= 0;
    }
}
