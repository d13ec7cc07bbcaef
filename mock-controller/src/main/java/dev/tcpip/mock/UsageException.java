package dev.tcpip.mock;

/**
 * A command line that cannot be used; its message says why, for the user.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message for the user.
     *
     * @param message what is wrong with the command line
     */
    public UsageException(String message) {
        super(message);
    }
}
