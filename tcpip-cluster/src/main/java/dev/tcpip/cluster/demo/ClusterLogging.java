package dev.tcpip.cluster.demo;

import dev.tcpip.launcher.ProgramLogging;

/**
 * The demo's logging (logback finds it through {@code META-INF/services}): everything to stderr, so that
 * stdout carries only the program's lines; {@code dev.tcpip} at INFO unless {@code -Dtcpip.log.level=...};
 * Hazelcast at WARN.
 */
public final class ClusterLogging extends ProgramLogging {
    /** The system property giving the level of this project's loggers. */
    public static final String LEVEL_PROPERTY = "tcpip.log.level";

    /** The configuration, as logback's service loader makes it. */
    public ClusterLogging() {
        super(LEVEL_PROPERTY, "com.hazelcast");
    }
}
