package dev.tcpip.core;

import io.vertx.core.buffer.Buffer;

/**
 * A line read by {@code readStr()} or {@code readJson()} is not valid text in the endpoint's encoding
 * (decoding is strict, as in Python). The line has been consumed; the connection stays usable.
 */
public class TextDecodeException extends TcpipException {
    private static final long serialVersionUID = 1L;

    private final transient Buffer bytes;

    /**
     * Creates the exception for bytes that the encoding rejected; the message gives their length, the
     * encoding and the decoder's error.
     *
     * @param bytes   the undecodable bytes, terminator removed
     * @param charset the name of the encoding that rejected them
     * @param cause   the decoder's error
     */
    public TextDecodeException(Buffer bytes, String charset, Throwable cause) {
        super("cannot decode " + bytes.length() + " bytes as " + charset + ": " + cause.getMessage(), cause);
        this.bytes = bytes;
    }

    /**
     * {@return the bytes that could not be decoded}
     */
    public Buffer bytes() {
        return bytes;
    }
}
