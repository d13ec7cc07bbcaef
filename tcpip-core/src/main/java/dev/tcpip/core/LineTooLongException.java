package dev.tcpip.core;

/**
 * A delimited read found no delimiter within the line limit
 * ({@link EndpointOptions#setMaxLineLength(int)}, 64 KiB by default).
 * The overlong line is discarded through its delimiter, so the next read starts on the next line.
 */
public class LineTooLongException extends TcpipException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * Creates the exception for a line longer than the limit.
     *
     * @param limit the limit that was exceeded, in bytes (delimiter excluded)
     */
    public LineTooLongException(int limit) {
        super("line too long: no delimiter within " + limit + " bytes");
        this.limit = limit;
    }

    /**
     * {@return the limit that was exceeded, in bytes}
     */
    public int limit() {
        return limit;
    }
}
