package dev.tcpip.struct.message;

import dev.tcpip.struct.CStruct;

import java.time.Instant;

/**
 * A ready-made message header, 20 bytes, packed, little-endian:
 * <pre>
 * offset size type      field
 *      0    4 uint32_t  message_id   which body follows
 *      4    4 uint32_t  sequence     sender's counter: 1, 2, 3 ... (wraps after 2^32 - 1)
 *      8    8 double    timestamp    seconds since 1970-01-01T00:00:00Z when sent
 *     16    4 uint32_t  body_size    bytes of body that follow this header
 * </pre>
 * In C: {@code struct __attribute__((packed)) header { uint32_t message_id; uint32_t sequence;
 * double timestamp; uint32_t body_size; };}
 */
public final class StandardHeader extends CStruct implements MessageHeader {
    /** Size in bytes. */
    public static final int SIZE = 20;

    /** Which body follows. */
    public final Unsigned32 messageId = new Unsigned32();
    /** The sender's counter. */
    public final Unsigned32 sequence = new Unsigned32();
    /** Seconds since the Unix epoch when sent. */
    public final Float64 timestamp = new Float64();
    /** Bytes of body that follow. */
    public final Unsigned32 bodySize = new Unsigned32();

    /**
     * A zeroed header.
     */
    public StandardHeader() {
    }

    @Override
    public long messageId() {
        return messageId.get();
    }

    @Override
    public long bodySize() {
        return bodySize.get();
    }

    @Override
    public long sequence() {
        return sequence.get();
    }

    @Override
    public void stamp(long messageId, long sequence, Instant timestamp, int bodySize) {
        this.messageId.set(messageId);
        this.sequence.set(sequence & 0xFFFF_FFFFL);
        this.timestamp.set(timestamp.getEpochSecond() + timestamp.getNano() / 1e9);
        this.bodySize.set(bodySize);
    }

    @Override
    public String toString() {
        return "StandardHeader{messageId=" + messageId.get() + ", sequence=" + sequence.get() + ", timestamp="
            + timestamp.get() + ", bodySize=" + bodySize.get() + "}";
    }
}
