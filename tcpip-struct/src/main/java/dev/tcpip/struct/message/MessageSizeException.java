package dev.tcpip.struct.message;

/**
 * A header whose declared body size cannot be right: it differs from the size of the struct registered for
 * its id, or exceeds the protocol's {@code maxBodySize}.
 */
public class MessageSizeException extends MessageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a header whose declared body size is wrong; the message gives the id, the
     * sequence number, the declared size and the registered size or the limit.
     *
     * @param header       the header that was read
     * @param expectedSize the registered body's size, or -1 if the id is not registered
     * @param maxBodySize  the protocol's limit
     * @param skippable    whether the body can be skipped
     */
    public MessageSizeException(MessageHeader header, int expectedSize, int maxBodySize, boolean skippable) {
        super("message id " + header.messageId() + " (sequence " + header.sequence() + ") declares a body of "
            + header.bodySize() + " bytes, " + (expectedSize >= 0
                ? "but its struct has " + expectedSize
                : "above the limit of " + maxBodySize), header, skippable);
    }
}
