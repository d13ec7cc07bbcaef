package dev.tcpip.services;

/** Where a {@link Service} is in its life. It moves forward only: NEW, RUNNING, then STOPPED or FAILED. */
public enum ServiceState {
    /** Created, not started yet. */
    NEW,
    /** Taking, handling and putting messages. */
    RUNNING,
    /** Ended on purpose: shut down, or its stop condition held. {@link Service#done()} has succeeded. */
    STOPPED,
    /** Ended by an error (its handler, its input or its output). {@link Service#done()} has failed with it. */
    FAILED
}
