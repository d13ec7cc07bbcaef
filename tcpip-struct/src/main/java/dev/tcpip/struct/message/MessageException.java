package dev.tcpip.struct.message;

import dev.tcpip.core.TcpipException;

/**
 * A header arrived whose body cannot be read as a registered struct. The header has been consumed, the body
 * has not: the caller either skips it with {@link MessageChannel#skipBody(MessageException)}, when
 * {@link #skippable()}, and reads on, or drops the connection. Reading the next message without doing
 * either would read the body's bytes as a header.
 */
public abstract class MessageException extends TcpipException {
    private static final long serialVersionUID = 1L;

    private final transient MessageHeader header;
    private final boolean skippable;

    /**
     * Creates the exception; its message ends by saying whether the body can be skipped or the connection
     * must be dropped.
     *
     * @param message   what is wrong, with the header's fields
     * @param header    the header that was read
     * @param skippable whether the body's size is known and within the protocol's limit
     */
    protected MessageException(String message, MessageHeader header, boolean skippable) {
        super(message + (skippable ? "; the body can be skipped" : "; the body cannot be skipped: drop the connection"));
        this.header = header;
        this.skippable = skippable;
    }

    /**
     * {@return the header that was read}
     */
    public MessageHeader header() {
        return header;
    }

    /**
     * {@return whether {@link MessageChannel#skipBody(MessageException)} can step over the body: the header
     *     declares its size and the size is within the protocol's {@code maxBodySize}}
     */
    public boolean skippable() {
        return skippable;
    }
}
