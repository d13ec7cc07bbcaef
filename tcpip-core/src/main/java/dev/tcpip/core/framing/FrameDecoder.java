package dev.tcpip.core.framing;

import dev.tcpip.core.IncompleteReadException;

/**
 * Decodes one frame for one read. A {@link Framing} makes one per read ({@link Framing#newDecoder()}), so a
 * decoder may keep state between calls, such as how far it has already searched.
 *
 * <p>The reader calls {@link #decode(ReadBuffer)} each time bytes arrive, until it returns a frame or throws;
 * if the stream ends first, it calls {@link #decodeAtEnd(ReadBuffer)} once. An exception thrown by either
 * fails the read with it; the decoder decides first what to take or skip, so that the next read starts on a
 * frame boundary where that is possible.
 *
 * @param <T> the frame type
 */
public interface FrameDecoder<T> {
    /**
     * Decodes a frame from the unread bytes if they hold a whole one.
     *
     * @param in the unread bytes
     * @return the frame, its bytes taken; or null when more bytes are needed (take nothing then)
     * @throws RuntimeException to fail the read (a {@link dev.tcpip.core.TcpipException} for bad input)
     */
    T decode(ReadBuffer in);

    /**
     * Called once when the stream has ended and {@link #decode(ReadBuffer)} found no whole frame.
     *
     * @param in the unread bytes: all that will ever come
     * @return a last, partial frame for framings that allow one (such as up-to-n)
     * @throws IncompleteReadException (the usual case) carrying the bytes that did arrive
     */
    T decodeAtEnd(ReadBuffer in);

    /**
     * Called before the read waits for more bytes: copy whatever the caller might still change (a delimiter
     * buffer, say). Nothing by default.
     */
    default void beforeWaiting() {
    }
}
