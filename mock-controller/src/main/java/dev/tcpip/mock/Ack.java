package dev.tcpip.mock;

import dev.tcpip.struct.CStruct;

import java.nio.charset.StandardCharsets;

/**
 * Message {@value MockProtocol#ACK}: the controller's answer to one command. 74 bytes, packed,
 * little-endian:
 * <pre>
 * struct __attribute__((packed)) ack {
 *     uint32_t command_id;         // message_id of the command's header
 *     uint32_t command_sequence;   // sequence of the command's header
 *     uint16_t result;             // 0 accepted, else why it was rejected
 *     char     text[64];           // UTF-8, zero-filled; no terminating zero when 64 bytes long
 * };
 * </pre>
 */
public final class Ack extends CStruct {
    /** Size in bytes. */
    public static final int SIZE = 74;
    /** Size of {@link #text} in bytes. */
    public static final int TEXT_SIZE = 64;

    /** The message id of the command answered. */
    public final Unsigned32 commandId = new Unsigned32();
    /** The header sequence of the command answered. */
    public final Unsigned32 commandSequence = new Unsigned32();
    /** {@link MockProtocol#ACCEPTED} or a rejection code. */
    public final Unsigned16 result = new Unsigned16();
    /** What was done, or why not. */
    public final UTF8String text = new UTF8String(TEXT_SIZE);

    /**
     * A zeroed ack.
     */
    public Ack() {
    }

    /**
     * Sets {@link #text}, cut to the last whole character that fits in {@value #TEXT_SIZE} UTF-8 bytes.
     *
     * @param message the text
     */
    public void setText(String message) {
        text.set(fit(message, TEXT_SIZE));
    }

    /**
     * {@return whether the command was accepted}
     */
    public boolean accepted() {
        return result.get() == MockProtocol.ACCEPTED;
    }

    /**
     * The longest prefix of {@code s} whose UTF-8 form has at most {@code maxBytes} bytes, never splitting a
     * character (nor a surrogate pair).
     *
     * @param s        the text
     * @param maxBytes the limit
     * @return the text, or its cut prefix
     */
    static String fit(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
