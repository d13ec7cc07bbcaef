package dev.tcpip.core;

/**
 * The payload of a frame is not a message of the codec that reads it (not JSON, for
 * {@code PayloadCodec.json()}). A message socket that meets one closes, with this as the cause.
 */
public class PayloadDecodeException extends TcpipException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, with the payload's length
     * @param cause   the parser's error
     */
    public PayloadDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
