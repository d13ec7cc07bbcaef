package dev.tcpip.core;

import io.vertx.core.buffer.Buffer;

import java.util.OptionalInt;

/**
 * The stream ended before a read could be satisfied (Python's {@code asyncio.IncompleteReadError}).
 * Carries the bytes that did arrive, which the read consumed, and how many were expected.
 */
public class IncompleteReadException extends TcpipException {
    private static final long serialVersionUID = 1L;

    private final transient Buffer partial;
    private final int expected;

    /**
     * Creates the exception for a read that the end of the stream cut short; the message says how many bytes
     * came and how many were expected.
     *
     * @param partial  the bytes read before the end of stream (never null, may be empty)
     * @param expected the number of bytes the read needed, or -1 when it was waiting for a delimiter
     * @param cause    the socket error that ended the stream, or null for a clean end of stream
     */
    public IncompleteReadException(Buffer partial, int expected, Throwable cause) {
        super(describe(partial.length(), expected), cause);
        this.partial = partial;
        this.expected = expected;
    }

    private static String describe(int got, int expected) {
        return expected < 0
            ? "end of stream after " + got + " bytes, before the delimiter was seen"
            : "end of stream after " + got + " of " + expected + " expected bytes";
    }

    /**
     * {@return the bytes that arrived before the end of stream}
     */
    public Buffer partial() {
        return partial;
    }

    /**
     * {@return the expected size in bytes, or empty when the read was waiting for a delimiter}
     */
    public OptionalInt expected() {
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }
}
