package dev.tcpip.struct.message;

/**
 * A header with a message id that no body struct is registered for.
 */
public class UnknownMessageException extends MessageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a header with an unregistered id; the message gives the id, sequence number
     * and declared body size.
     *
     * @param header    the header that was read
     * @param skippable whether the body can be skipped
     */
    public UnknownMessageException(MessageHeader header, boolean skippable) {
        super("unknown message id " + header.messageId() + " (sequence " + header.sequence() + ", declared body size "
            + header.bodySize() + ")", header, skippable);
    }
}
