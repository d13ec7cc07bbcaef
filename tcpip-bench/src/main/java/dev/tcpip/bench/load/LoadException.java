package dev.tcpip.bench.load;

/**
 * A measurement that cannot give a number: a wrong or lost echo, a wrong checksum, a dead child, a
 * missing answer. The load program reports it and exits non-zero.
 */
public final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public LoadException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying error
     */
    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
