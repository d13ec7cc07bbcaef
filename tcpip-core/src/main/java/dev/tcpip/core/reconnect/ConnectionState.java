package dev.tcpip.core.reconnect;

/**
 * Where a reconnecting endpoint is, as its user can watch it.
 *
 * <pre>
 *   CONNECTING --ok--> CONNECTED --lost--> BACKING_OFF --delay--> CONNECTING ...
 *        |                                     ^
 *        +--failed (the policy allows more)----+
 *        +--failed (the policy gives up)--> FAILED
 *   any state --close()--> CLOSED
 * </pre>
 */
public enum ConnectionState {
    /** A connect attempt is under way. */
    CONNECTING,
    /** Connected: messages flow. */
    CONNECTED,
    /** Waiting for the policy's delay before the next attempt. */
    BACKING_OFF,
    /** Closed by its user; final. */
    CLOSED,
    /** The policy gave up (attempts or deadline used up, or no reconnecting); final. */
    FAILED;

    /** {@return whether no state follows this one} */
    public boolean isFinal() {
        return this == CLOSED || this == FAILED;
    }
}
