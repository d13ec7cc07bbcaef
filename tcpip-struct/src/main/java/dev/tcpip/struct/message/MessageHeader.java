package dev.tcpip.struct.message;

import java.time.Instant;

/**
 * The header struct of a message protocol: what a {@link MessageChannel} needs to read a typed body after
 * it and to stamp it before a body is sent. Implement it on a {@link dev.tcpip.struct.CStruct} whose fields
 * are the protocol's (see {@link StandardHeader}).
 */
public interface MessageHeader {

    /**
     * {@return the id that says which body struct follows, never negative: an unsigned field's value as it
     *     is on the wire (a {@code uint32_t} id of 0xFFFFFFFF is 4294967295)}
     */
    long messageId();

    /**
     * {@return the body size in bytes that the header declares, or -1 when the protocol's header has no size
     *     field (the size then follows from the id alone)}
     */
    long bodySize();

    /**
     * {@return the sender's sequence counter, as far as the header holds it}
     */
    long sequence();

    /**
     * Fills the header for a body about to be sent. Fields the protocol does not have are ignored.
     *
     * @param messageId the body's registered id
     * @param sequence  the channel's counter: 1 for its first message, then one more for each
     * @param timestamp the protocol's clock at the send
     * @param bodySize  the body's size in bytes
     */
    void stamp(long messageId, long sequence, Instant timestamp, int bodySize);
}
