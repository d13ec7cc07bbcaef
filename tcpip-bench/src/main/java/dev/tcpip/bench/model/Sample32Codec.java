package dev.tcpip.bench.model;

import io.vertx.core.buffer.Buffer;

/**
 * A hand-written codec of the {@link Sample32} layout straight on a Vert.x {@link Buffer}: the baseline the
 * javolution struct path ({@code Structs.encodeAt} / {@code Structs.decode} of a {@code Sample32}) is
 * measured against. It writes and reads exactly the same 32 bytes (packed, little-endian), field by field
 * with the buffer's little-endian accessors, and allocates nothing.
 */
public final class Sample32Codec {
    /** Size on the wire, in bytes (same as {@link Sample32#SIZE}). */
    public static final int SIZE = 32;

    private static final int SEQUENCE = 0;
    private static final int STATUS = 4;
    private static final int TIMESTAMP = 8;
    private static final int VALUE = 16;
    private static final int COUNTER = 24;

    private Sample32Codec() {
    }

    /**
     * Writes a sample's 32 bytes into a buffer at an offset, growing the buffer if they reach past its end
     * (as {@code Structs.encodeAt}).
     *
     * @param buffer the buffer
     * @param offset where the first byte goes, from 0 to {@code buffer.length()}
     * @param fields the sample
     * @return the offset just past the sample's bytes
     * @throws IndexOutOfBoundsException if the offset is negative or past the buffer's end
     */
    public static int encodeAt(Buffer buffer, int offset, Sample32Fields fields) {
        if (offset < 0 || offset > buffer.length()) {
            throw new IndexOutOfBoundsException(
                "offset " + offset + " is outside the buffer (length " + buffer.length() + ")");
        }
        // Highest offset first: the buffer grows at most once.
        buffer.setLongLE(offset + COUNTER, fields.counter);
        buffer.setDoubleLE(offset + VALUE, fields.value);
        buffer.setDoubleLE(offset + TIMESTAMP, fields.timestamp);
        buffer.setIntLE(offset + STATUS, fields.status);
        buffer.setIntLE(offset + SEQUENCE, (int) fields.sequence);
        return offset + SIZE;
    }

    /**
     * Appends a sample's 32 bytes to a buffer (as {@code Structs.appendTo}).
     *
     * @param buffer the buffer to grow
     * @param fields the sample
     * @return the same buffer
     */
    public static Buffer appendTo(Buffer buffer, Sample32Fields fields) {
        return buffer.appendIntLE((int) fields.sequence)
            .appendIntLE(fields.status)
            .appendDoubleLE(fields.timestamp)
            .appendDoubleLE(fields.value)
            .appendLongLE(fields.counter);
    }

    /**
     * Reads a sample from 32 bytes of a buffer, starting at an offset (as {@code Structs.decode}).
     *
     * @param buffer the buffer
     * @param offset where the first byte is
     * @param into   the object to fill
     * @return the same object
     * @throws IndexOutOfBoundsException if the buffer does not hold 32 bytes at the offset
     */
    public static Sample32Fields decode(Buffer buffer, int offset, Sample32Fields into) {
        if (offset < 0 || offset > buffer.length() - SIZE) {
            throw new IndexOutOfBoundsException("a Sample32 needs " + SIZE + " bytes at offset " + offset
                + ", the buffer has " + buffer.length() + " bytes");
        }
        into.sequence = buffer.getUnsignedIntLE(offset + SEQUENCE);
        into.status = buffer.getIntLE(offset + STATUS);
        into.timestamp = buffer.getDoubleLE(offset + TIMESTAMP);
        into.value = buffer.getDoubleLE(offset + VALUE);
        into.counter = buffer.getLongLE(offset + COUNTER);
        return into;
    }
}
