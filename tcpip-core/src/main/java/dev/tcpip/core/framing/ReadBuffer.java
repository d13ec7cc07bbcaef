package dev.tcpip.core.framing;

import io.vertx.core.buffer.Buffer;

/**
 * The unread bytes of one connection, as a {@link FrameDecoder} sees them while it decodes: look at them
 * ({@link #getByte(int)}, {@link #indexOf(Buffer, int)}), then take a frame ({@link #take(int)}) or throw
 * bytes away ({@link #skip(long)}, {@link #skipThrough(Buffer)}). Indexes count from the first unread byte.
 *
 * <p>Only valid during the decoder call it is passed to, on the connection's context.
 */
public interface ReadBuffer {
    /**
     * {@return the number of bytes received and not yet taken}
     */
    int available();

    /**
     * Gives one unread byte, without taking it.
     *
     * @param index from 0 to {@link #available()} - 1
     * @return the byte
     * @throws IndexOutOfBoundsException if the index is outside the unread bytes
     */
    byte getByte(int index);

    /**
     * Finds a byte sequence in the unread bytes.
     *
     * @param bytes a non-empty byte sequence
     * @param from  where to start looking, from 0
     * @return the index of its first byte, or -1 if the unread bytes do not hold it (yet)
     */
    int indexOf(Buffer bytes, int from);

    /**
     * Copies unread bytes without taking them: to decode a header before its body has arrived, say.
     *
     * @param from the first index, from 0
     * @param to   the index after the last, at most {@link #available()}
     * @return a copy of the bytes
     * @throws IndexOutOfBoundsException if the range is outside the unread bytes
     */
    Buffer copy(int from, int to);

    /**
     * Copies unread bytes into an array without taking them, as {@link #copy(int, int)} does but with no
     * buffer allocated: to decode a fixed-size header or body straight into a struct's bytes, say.
     *
     * @param from     the first index, from 0
     * @param to       the index after the last, at most {@link #available()}
     * @param dst      the array to copy into
     * @param dstIndex where in {@code dst} the first byte goes
     * @throws IndexOutOfBoundsException if the range is outside the unread bytes, or does not fit in
     *     {@code dst} at {@code dstIndex}
     */
    void getBytes(int from, int to, byte[] dst, int dstIndex);

    /**
     * Takes the next bytes: they become a frame, or part of one, and are no longer unread.
     *
     * @param n how many, from 0 to {@link #available()}
     * @return the bytes (a buffer the caller may keep)
     * @throws IndexOutOfBoundsException if fewer are buffered
     */
    Buffer take(int n);

    /**
     * Throws away the next {@code n} bytes, also those that have not arrived yet: bytes past
     * {@link #available()} are dropped as they come, without being buffered, before any later read is
     * served. For a frame too long to keep.
     *
     * @param n how many (&gt;= 0)
     */
    void skip(long n);

    /**
     * Throws away everything up to and including the next {@code delimiter}, also bytes that have not
     * arrived yet, without buffering them; at end of stream, everything left. For a delimited frame too
     * long to keep.
     *
     * @param delimiter a non-empty byte sequence (copied)
     */
    void skipThrough(Buffer delimiter);

    /**
     * {@return the error that ended the stream (a reset), for {@code IncompleteReadException}'s cause; null
     *     while it has not ended, or when it ended normally}
     */
    Throwable failure();
}
