package dev.tcpip.core.framing;

import io.vertx.core.buffer.Buffer;

/**
 * How a byte stream is cut into frames: a small immutable value that the connection's reader serves, in
 * the manner of Netty's frame decoders ({@code LineBasedFrameDecoder}, {@code LengthFieldBasedFrameDecoder}).
 * Every framing has a maximum frame length, checked before a frame's bytes are buffered where the wire
 * format allows (a length-prefixed frame's header is checked before its body arrives).
 *
 * <p>The built-in framings are {@link Delimited}, {@link ExactLength}, {@link UpTo} and
 * {@link LengthPrefixed}; tcpip-struct adds header + typed body messages. One instance may serve every
 * connection at once: the state of a read lives in its {@link FrameDecoder}.
 *
 * @param <T> the frame type
 */
public interface Framing<T> {
    /**
     * {@return a decoder for one read}
     */
    FrameDecoder<T> newDecoder();

    /**
     * Encodes a frame for writing: the bytes that a read with this framing would decode back into it.
     *
     * @param frame the frame
     * @return its bytes on the wire
     * @throws IllegalArgumentException if the frame cannot be sent in this framing (too long, say)
     */
    Buffer encode(T frame);

    /**
     * {@return the most bytes one frame may hold, framing bytes (delimiter, length header) excluded}
     */
    int maxFrameLength();
}
