package dev.tcpip.services;

/**
 * A user-supplied reason for a {@link Service} to stop by itself (pysocklib's {@code stop} predicate). It is
 * checked on the service's context before each take, so a service waiting for input stops only when a
 * message has been handled or it is shut down; it is never polled.
 */
@FunctionalInterface
public interface StopCondition {
    /**
     * Decides whether to stop.
     *
     * @param handled the number of messages the service has handled (and delivered, if it has an output)
     * @return true to stop now: the service becomes {@link ServiceState#STOPPED}
     */
    boolean shouldStop(long handled);

    /** {@return a condition that never holds: the service runs until shut down} */
    static StopCondition never() {
        return handled -> false;
    }

    /**
     * A condition that holds after a number of messages.
     *
     * @param count the number of messages to handle (0: stop at once)
     * @return a condition true once {@code count} messages are handled
     */
    static StopCondition afterMessages(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        return handled -> handled >= count;
    }
}
