package dev.tcpip.core.message;

import dev.tcpip.core.TcpipException;

/**
 * Nothing more will come: the message socket, or the listener, has closed. Thrown by every {@code receive}
 * or {@code accept} after the end, not only the first; its cause is the error the socket ended in (a reset,
 * a frame too long), or null after a normal close.
 */
public class EndOfStreamException extends TcpipException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what has ended
     * @param cause   the error it ended in, or null
     */
    public EndOfStreamException(String message, Throwable cause) {
        super(cause == null ? message : message + " (" + cause + ")", cause);
    }
}
