package dev.tcpip.core;

/**
 * A read or write was attempted while the endpoint had no usable connection
 * (Python's {@code ConnectionError("not connected")}).
 */
public class NotConnectedException extends TcpipException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what could not be done.
     *
     * @param message what was attempted and on which endpoint
     */
    public NotConnectedException(String message) {
        super(message);
    }
}
