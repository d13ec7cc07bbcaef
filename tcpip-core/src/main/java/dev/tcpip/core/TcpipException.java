package dev.tcpip.core;

/**
 * Base of every exception this library fails a future with, so callers can catch the whole family.
 */
public class TcpipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public TcpipException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the error that caused it.
     *
     * @param message what happened
     * @param cause   the underlying error, or null
     */
    public TcpipException(String message, Throwable cause) {
        super(message, cause);
    }
}
